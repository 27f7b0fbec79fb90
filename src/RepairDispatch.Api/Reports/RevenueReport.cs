using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Parts;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Reports;

public sealed record RevenueLine(string Source, decimal Amount);
public sealed record RevenueReportView(DateTimeOffset From, DateTimeOffset To, Guid? StoreId, RevenueLine[] Lines, decimal Total);

/// <summary>
/// The station's revenue by source (domain.md, KPIs) for orders completed in [from, to): installation management
/// fees, manufacturer repair and installation fees, customer repairs, parts, callback fees. Partner payouts are
/// pass-through, not revenue: for a partner installation only the management fee counts.
/// </summary>
public static class RevenueReport
{
    private const string SumsSql = """
        SELECT wo.store_id, ch.party, ch.kind, CASE WHEN wo.installer_partner_id IS NULL THEN 0 ELSE 1 END AS by_partner, SUM(ch.amount_fen) AS amount_fen
        FROM work_order_charges ch JOIN work_orders wo ON wo.id = ch.work_order_id
        WHERE wo.completed_at >= @From AND wo.completed_at < @To AND (@StoreId IS NULL OR wo.store_id = @StoreId)
        GROUP BY wo.store_id, ch.party, ch.kind, CASE WHEN wo.installer_partner_id IS NULL THEN 0 ELSE 1 END
        """;

    public static async Task<IResult> Handle(HttpContext http, Db db, DateTimeOffset? from, DateTimeOffset? to, Guid? storeId)
    {
        if (from is null) return Problems.Validation("from", Codes.Refusal.FromRequired);
        if (to is null || to <= from) return Problems.Validation("to", Codes.Refusal.ToRequired);
        var me = http.Me();
        if (me.StoreId is { } own)
        {
            if (storeId is not null && storeId != own) return Problems.Validation("storeId", Codes.Refusal.OwnStoreOnly);
            storeId = own;
        }
        await using var c = await db.OpenAsync();
        var lines = Lines(await SumsAsync(c, from.Value, to.Value, storeId));
        return TypedResults.Ok(new RevenueReportView(from.Value, to.Value, storeId, lines, lines.Sum(l => l.Amount)));
    }

    /// <summary>Each store's revenue by source for orders completed in [from, to) (one store's only when given).</summary>
    internal static async Task<Dictionary<Guid, RevenueLine[]>> ByStoreAsync(DbConnection c, DateTimeOffset from, DateTimeOffset to, Guid? storeId,
        DbTransaction? tx = null) =>
        (await SumsAsync(c, from, to, storeId, tx)).GroupBy(r => r.StoreId).ToDictionary(g => g.Key, g => Lines(g));

    private static async Task<List<Row>> SumsAsync(DbConnection c, DateTimeOffset from, DateTimeOffset to, Guid? storeId, DbTransaction? tx = null) =>
        (await c.QueryAsync<Row>(SumsSql, new { From = from.ToUniversalTime(), To = to.ToUniversalTime(), StoreId = storeId }, tx)).ToList();

    /// <summary>Every source, in a fixed order, with 0 where nothing came in.</summary>
    internal static RevenueLine[] Lines(IEnumerable<Row> sums)
    {
        var bySource = new Dictionary<string, long>
        {
            ["InstallationManagementFees"] = 0, ["ManufacturerRepairFees"] = 0, ["ManufacturerInstallationFees"] = 0,
            ["CustomerRepairs"] = 0, ["Parts"] = 0, ["CallbackFees"] = 0,
        };
        foreach (var row in sums)
            if (SourceOf(row.Party, row.Kind, row.ByPartner != 0) is { } source) bySource[source] += row.AmountFen;
        return bySource.Select(s => new RevenueLine(s.Key, Fen.ToYuan(s.Value))).ToArray();
    }

    /// <summary>The revenue source of a charge (null: a pass-through); the KPIs' revenue uses the same split.</summary>
    internal static string? SourceOf(string party, string kind, bool byPartner) => (party, kind) switch
    {
        ("Store", "ManagementFee") => "InstallationManagementFees",
        ("Manufacturer", "RepairFee") => "ManufacturerRepairFees",
        ("Manufacturer", "InstallationFee") when !byPartner => "ManufacturerInstallationFees",
        ("Manufacturer", "PartsAtCost") or ("Customer", "Part") => "Parts",
        ("Customer", "Labour") or ("Customer", "OnSiteFee") => "CustomerRepairs",
        (_, "CallbackFee") => "CallbackFees",
        _ => null, // partner payouts and the partner-installed claim pass through the station
    };

    internal sealed class Row
    {
        public Guid StoreId { get; init; }
        public string Party { get; init; } = "";
        public string Kind { get; init; } = "";
        public long ByPartner { get; init; }
        public long AmountFen { get; init; }
    }
}
