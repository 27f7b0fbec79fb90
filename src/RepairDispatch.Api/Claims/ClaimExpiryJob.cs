using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Api.Claims;

/// <summary>
/// Daily: claims whose submit deadline has passed become Expired. It recomputes only claims that may have expired
/// somewhere (deadline before the latest local day on Earth), each by its own store's day, so running it twice or on two
/// nodes changes nothing more. A settlement run does the same for its manufacturer first, so it never takes a late claim.
/// </summary>
public sealed class ClaimExpiryJob(Db db, TimeProvider clock, ILogger<ClaimExpiryJob> logger)
{
    private const string DueSql = """
        SELECT work_order_id FROM work_order_claims
        WHERE state IN ('NotReady','Ready') AND released_at IS NULL AND claim_by < @LatestDay
          AND (@ManufacturerId IS NULL OR manufacturer_id = @ManufacturerId)
          AND NOT EXISTS (SELECT 1 FROM claim_runs cr WHERE cr.work_order_id = work_order_claims.work_order_id)
        """;

    public async Task<int> RunAsync()
    {
        var now = clock.GetUtcNow();
        var count = await db.InTransactionAsync((c, tx) => ExpireDueAsync(c, tx, null, now));
        logger.LogInformation("Claim expiry: {Count} claim(s) past their deadline rechecked", count);
        return count;
    }

    public static async Task<int> ExpireDueAsync(DbConnection c, DbTransaction tx, Guid? manufacturerId, DateTimeOffset now)
    {
        // No store's day is later than the day at UTC+14.
        var latestDay = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(14)).DateTime);
        var due = (await c.QueryAsync<Guid>(DueSql, new { LatestDay = latestDay, ManufacturerId = manufacturerId }, tx)).ToList();
        foreach (var id in due) await ClaimReadiness.RefreshAsync(c, tx, id, now);
        return due.Count;
    }
}
