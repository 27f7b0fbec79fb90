using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Api.InstallerPartners;

public sealed record InstallerPartnerResponse(
    Guid Id, string Name, IReadOnlyList<string> Districts, IReadOnlyList<ApplianceCategory> Categories, decimal ManagementFeeRate,
    bool Active, DateTimeOffset CreatedAt);

internal static class InstallerPartner
{
    /// <summary>Columns of installer_partners p, with the rate valid on @Today.</summary>
    public const string Columns = "p.id, p.name, " + PartnerRates.RateTodayColumn + ", p.active, p.created_at";

    private const string CategoriesSql = """
        SELECT installer_partner_id AS partner_id, category AS value FROM installer_partner_categories WHERE installer_partner_id IN @Ids
        """;
    private const string DistrictsSql = """
        SELECT installer_partner_id AS partner_id, district AS value FROM installer_partner_districts
        WHERE installer_partner_id IN @Ids ORDER BY district
        """;

    /// <summary>The rate is kept in basis points: 0.25 ↔ 2500, so fee arithmetic never meets binary fractions.</summary>
    public static decimal Rate(long basisPoints) => basisPoints / 10_000m;

    public static async Task<List<InstallerPartnerResponse>> CompleteAsync(DbConnection c, IReadOnlyList<Row> rows)
    {
        if (rows.Count == 0) return [];
        var ids = new { Ids = Db.IdList(c, rows.Select(r => r.Id)) };
        var categories = (await c.QueryAsync<ValueRow>(CategoriesSql, ids))
            .ToLookup(v => v.PartnerId, v => Enum.Parse<ApplianceCategory>(v.Value));
        var districts = (await c.QueryAsync<ValueRow>(DistrictsSql, ids)).ToLookup(v => v.PartnerId, v => v.Value);
        return rows.Select(r => new InstallerPartnerResponse(r.Id, r.Name, districts[r.Id].ToList(),
            categories[r.Id].Order().ToList(), Rate(r.ManagementFeeBp), r.Active, r.CreatedAt)).ToList();
    }

    public sealed class Row
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public long ManagementFeeBp { get; init; }
        public bool Active { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }

    private sealed class ValueRow
    {
        public Guid PartnerId { get; init; }
        public string Value { get; init; } = "";
    }
}
