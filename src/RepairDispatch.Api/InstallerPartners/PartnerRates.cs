using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.InstallerPartners;

public sealed record PartnerRateRequest(
    [property: Required, Range(0.20, 0.30)] decimal? ManagementFeeRate,
    [property: Required] DateOnly? ValidFrom);

/// <param name="ValidTo">Exclusive: the next version's first day; null for the latest version.</param>
public sealed record PartnerRateResponse(DateOnly ValidFrom, DateOnly? ValidTo, decimal ManagementFeeRate, DateTimeOffset CreatedAt);

/// <summary>
/// The management-fee rate of an installer partner's agreement, versioned like contracts: a change is a new version
/// from a day on, never an edit. A work order is priced with the rate valid on the store-local day it was created.
/// </summary>
public static class PartnerRates
{
    /// <summary>The version valid on @Day for the partner @Id; the first version for an order older than the agreement.</summary>
    public const string RateOnDaySql = """
        SELECT r.management_fee_bp FROM installer_partner_rates r
        WHERE r.installer_partner_id = @Id AND r.valid_from = COALESCE(
            (SELECT MAX(x.valid_from) FROM installer_partner_rates x WHERE x.installer_partner_id = @Id AND x.valid_from <= @Day),
            (SELECT MIN(x.valid_from) FROM installer_partner_rates x WHERE x.installer_partner_id = @Id))
        """;

    /// <summary>The same rule as <see cref="RateOnDaySql"/> as a column of a query over installer_partners p.</summary>
    public const string RateTodayColumn = """
        (SELECT r.management_fee_bp FROM installer_partner_rates r
         WHERE r.installer_partner_id = p.id AND r.valid_from = COALESCE(
            (SELECT MAX(x.valid_from) FROM installer_partner_rates x WHERE x.installer_partner_id = p.id AND x.valid_from <= @Today),
            (SELECT MIN(x.valid_from) FROM installer_partner_rates x WHERE x.installer_partner_id = p.id))) AS management_fee_bp
        """;

    private const string PartnerExistsSql = "SELECT COUNT(*) FROM installer_partners WHERE id = @Id";
    private const string LatestStartSql = "SELECT MAX(valid_from) FROM installer_partner_rates WHERE installer_partner_id = @Id";
    public const string InsertSql = """
        INSERT INTO installer_partner_rates (installer_partner_id, valid_from, management_fee_bp, created_by_user_id, created_at)
        VALUES (@Id, @ValidFrom, @ManagementFeeBp, @CreatedBy, @CreatedAt)
        """;
    private const string VersionsSql = """
        SELECT valid_from, management_fee_bp, created_at FROM installer_partner_rates WHERE installer_partner_id = @Id ORDER BY valid_from
        """;

    /// <summary>Basis points of a rate (0.25 → 2500), or null when it has more than four decimals.</summary>
    public static long? BasisPoints(decimal rate)
    {
        var basisPoints = rate * 10_000m;
        return basisPoints == decimal.Truncate(basisPoints) ? (long)basisPoints : null;
    }

    public static async Task<long> RateOnDayAsync(DbConnection c, DbTransaction tx, Guid partnerId, DateOnly day) =>
        await c.ExecuteScalarAsync<long>(RateOnDaySql, new { Id = partnerId, Day = day }, tx);

    public static async Task<IResult> Add(Guid id, PartnerRateRequest request, HttpContext http, Db db, Stores.StoreClock clock)
    {
        if (BasisPoints(request.ManagementFeeRate!.Value) is not { } basisPoints)
            return Problems.Validation("managementFeeRate", Codes.Refusal.BasisPoints);
        var validFrom = request.ValidFrom!.Value;
        if (validFrom < clock.HeadquartersToday)
            return Problems.Validation("validFrom", Codes.Refusal.RateInThePast);
        var me = http.Me();
        var now = clock.Now;
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<long>(PartnerExistsSql, new { Id = id }, tx) == 0) return Problems.NotFound(Codes.Thing.InstallerPartner);
            var latest = await c.ExecuteScalarAsync<DateOnly?>(LatestStartSql, new { Id = id }, tx);
            if (latest is { } start && validFrom <= start)
                return Problems.Conflict("rate-not-latest", Codes.Refusal.RateNotLatest.With(Codes.Day(start)));
            await c.ExecuteAsync(InsertSql, new { Id = id, ValidFrom = validFrom, ManagementFeeBp = basisPoints, CreatedBy = me.Id, CreatedAt = now }, tx);
            return TypedResults.Created($"/api/v1/installer-partners/{id}/rates",
                new PartnerRateResponse(validFrom, null, InstallerPartner.Rate(basisPoints), now));
        });
    }

    public static async Task<IResult> List(Guid id, Db db)
    {
        await using var c = await db.OpenAsync();
        if (await c.ExecuteScalarAsync<long>(PartnerExistsSql, new { Id = id }) == 0) return Problems.NotFound(Codes.Thing.InstallerPartner);
        var rows = (await c.QueryAsync<VersionRow>(VersionsSql, new { Id = id })).ToList();
        var versions = rows.Select((r, i) => new PartnerRateResponse(r.ValidFrom, i + 1 < rows.Count ? rows[i + 1].ValidFrom : null,
            InstallerPartner.Rate(r.ManagementFeeBp), r.CreatedAt)).ToList();
        return TypedResults.Ok(new Page<PartnerRateResponse>(versions, null));
    }

    private sealed class VersionRow
    {
        public DateOnly ValidFrom { get; init; }
        public long ManagementFeeBp { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }
}
