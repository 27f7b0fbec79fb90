using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Parts;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Settlements;

/// <param name="Description">In the caller's language; <paramref name="DescriptionCode"/> is the same as a code with arguments.</param>
/// <param name="StoreId">The store of the line's work order; null for a line of the chain as a whole.</param>
public sealed record SettlementLineView(Guid Id, Guid? WorkOrderId, string? WorkOrderNumber, string Kind, decimal Amount, string Description,
    Text? DescriptionCode, bool Disputed, string? DisputeReason, Guid? AdjustsLineId, Guid? StoreId);

public static class ReadRuns
{
    private const string ListSql = "SELECT " + SettlementRun.Columns + """
         FROM settlement_runs
        WHERE (@Status IS NULL OR status = @Status) AND (@Period IS NULL OR period = @Period)
          AND (@StoreId IS NULL OR EXISTS (SELECT 1 FROM settlement_lines l WHERE l.run_id = settlement_runs.id AND l.store_id = @StoreId))
        ORDER BY period DESC, created_at DESC
        """;
    // By store (stores by code, the chain's own lines last), so an export can close each store's section with its subtotal.
    internal const string LinesSql = """
        SELECT l.id, l.work_order_id, wo.number AS work_order_number, l.kind, l.amount_fen, l.description, l.description_code, l.description_args, l.disputed, l.dispute_reason, l.adjusts_line_id,
               l.store_id, s.code AS store_code, s.name AS store_name
        FROM settlement_lines l LEFT JOIN work_orders wo ON wo.id = l.work_order_id LEFT JOIN stores s ON s.id = l.store_id
        WHERE l.run_id = @Id AND (@StoreId IS NULL OR l.store_id = @StoreId)
        ORDER BY CASE WHEN l.store_id IS NULL THEN 1 ELSE 0 END, s.code, wo.number, l.created_at, l.id
        """;

    public static async Task<IResult> List(HttpContext http, Db db, RunStatus? status, string? period, Guid? storeId)
    {
        if (period is { Length: > 7 }) return Problems.Validation("period", Codes.Refusal.PeriodFormat);
        if (RunScope.ViewedStore(http.Me(), storeId, out var store) is { } refused) return refused;
        await using var c = await db.OpenAsync();
        var runs = (await c.QueryAsync<SettlementRun>(ListSql, new { Status = status?.ToString(), Period = period, StoreId = store })).ToList();
        return TypedResults.Ok(new Page<SettlementRunView>(await SettlementRun.ViewsAsync(c, null, runs, store), null));
    }

    public static async Task<IResult> Get(Guid id, HttpContext http, Db db, Guid? storeId)
    {
        if (RunScope.ViewedStore(http.Me(), storeId, out var store) is { } refused) return refused;
        await using var c = await db.OpenAsync();
        return await SettlementRun.ViewAsync(c, null, id, store) is { } view ? TypedResults.Ok(view) : Problems.NotFound(Codes.Thing.SettlementRun);
    }

    public static async Task<IResult> Lines(Guid id, HttpContext http, Db db, Guid? storeId)
    {
        if (RunScope.ViewedStore(http.Me(), storeId, out var store) is { } refused) return refused;
        await using var c = await db.OpenAsync();
        if (await SettlementRun.ViewAsync(c, null, id, store) is null) return Problems.NotFound(Codes.Thing.SettlementRun);
        var lines = (await c.QueryAsync<LineRow>(LinesSql, new { Id = id, StoreId = store })).Select(l => l.ToView()).ToList();
        return TypedResults.Ok(new Page<SettlementLineView>(lines, null));
    }

    internal sealed class LineRow
    {
        public Guid Id { get; init; }
        public Guid? WorkOrderId { get; init; }
        public string? WorkOrderNumber { get; init; }
        public string Kind { get; init; } = "";
        public long AmountFen { get; init; }
        public string Description { get; init; } = "";
        public string? DescriptionCode { get; init; }
        public string? DescriptionArgs { get; init; }

        /// <summary>The description in a given language (an export's), else the caller's.</summary>
        public string DescriptionIn(System.Globalization.CultureInfo? culture = null) =>
            Text.StoredOrSaid(DescriptionCode, DescriptionArgs, Description) is { } d ? d.Render(culture ?? System.Globalization.CultureInfo.CurrentUICulture) : "";
        public bool Disputed { get; init; }
        public string? DisputeReason { get; init; }
        public Guid? AdjustsLineId { get; init; }
        public Guid? StoreId { get; init; }
        public string? StoreCode { get; init; }
        public string? StoreName { get; init; }

        public SettlementLineView ToView() => new(Id, WorkOrderId, WorkOrderNumber, Kind, Fen.ToYuan(AmountFen), DescriptionIn(),
            Text.StoredOrSaid(DescriptionCode, DescriptionArgs, Description), Disputed, DisputeReason, AdjustsLineId, StoreId);
    }
}
