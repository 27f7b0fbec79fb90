using System.Data.Common;
using System.Text.Json;
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

    // The ids of a page travel as one JSON array, so one query serves any page size on both databases.
    private const string CategoriesSqlite = """
        SELECT installer_partner_id AS partner_id, category AS value FROM installer_partner_categories
        WHERE installer_partner_id IN (SELECT value FROM json_each(@Ids))
        """;
    private const string CategoriesSqlServer = """
        SELECT installer_partner_id AS partner_id, category AS value FROM installer_partner_categories
        WHERE installer_partner_id IN (SELECT CAST([value] AS UNIQUEIDENTIFIER) FROM OPENJSON(@Ids))
        """;
    private const string DistrictsSqlite = """
        SELECT installer_partner_id AS partner_id, district AS value FROM installer_partner_districts
        WHERE installer_partner_id IN (SELECT value FROM json_each(@Ids)) ORDER BY district
        """;
    private const string DistrictsSqlServer = """
        SELECT installer_partner_id AS partner_id, district AS value FROM installer_partner_districts
        WHERE installer_partner_id IN (SELECT CAST([value] AS UNIQUEIDENTIFIER) FROM OPENJSON(@Ids)) ORDER BY district
        """;

    /// <summary>The rate is kept in basis points: 0.25 ↔ 2500, so fee arithmetic never meets binary fractions.</summary>
    public static decimal Rate(long basisPoints) => basisPoints / 10_000m;

    public static async Task<List<InstallerPartnerResponse>> CompleteAsync(DbConnection c, Db db, IReadOnlyList<Row> rows)
    {
        if (rows.Count == 0) return [];
        var ids = new { Ids = JsonSerializer.Serialize(rows.Select(r => r.Id.ToString())) };
        var categories = (await c.QueryAsync<ValueRow>(db.Sql(CategoriesSqlite, CategoriesSqlServer), ids))
            .ToLookup(v => v.PartnerId, v => Enum.Parse<ApplianceCategory>(v.Value));
        var districts = (await c.QueryAsync<ValueRow>(db.Sql(DistrictsSqlite, DistrictsSqlServer), ids)).ToLookup(v => v.PartnerId, v => v.Value);
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
