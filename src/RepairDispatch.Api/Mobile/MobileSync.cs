using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.WorkOrders;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Mobile;

/// <param name="Full">True when this answer is the whole view (no token, or a first sync): drop what you hold first.</param>
/// <param name="Upserts">Jobs added to or changed in the view since the token, as they are now.</param>
/// <param name="Removed">Jobs that left the view since the token (reassigned, declined, cancelled, closed).</param>
public sealed record SyncResponse(string Token, bool Full, IReadOnlyList<MobileJob> Upserts, IReadOnlyList<Guid> Removed);

/// <summary>
/// The offline phone's change feed. Every write to a work order gives it the next version of one database-wide
/// clock (a trigger on SQLite, rowversion on SQL Server); a job leaving a technician's view leaves a tombstone with
/// its own version. A token is the highest version the client has seen: everything above it and at or below the
/// current bound is sent. On SQL Server the bound is MIN_ACTIVE_ROWVERSION() − 1, so a transaction still open
/// cannot commit a version the client has already passed. Tokens outlive tombstones by no more than their
/// retention; an older token is answered 410 and the phone starts over with a full sync.
/// </summary>
public static class MobileSync
{
    private static readonly DialectSql BoundSql = new(
        Sqlite: "SELECT value FROM sync_clock WHERE id = 1",
        SqlServer: "SELECT CAST(MIN_ACTIVE_ROWVERSION() AS BIGINT) - 1");

    private static readonly DialectSql ChangedSql = new(
        Sqlite: "SELECT " + WorkOrder.Columns + " FROM work_orders WHERE " + MobileJobs.ViewFilter +
            " AND sync_version > @Since AND sync_version <= @Bound",
        SqlServer: "SELECT " + WorkOrder.Columns + " FROM work_orders WHERE " + MobileJobs.ViewFilter +
            " AND sync_version > CAST(@Since AS BINARY(8)) AND sync_version <= CAST(@Bound AS BINARY(8))");

    private const string NotInViewNow = """
         AND NOT EXISTS (SELECT 1 FROM work_orders w WHERE w.id = t.work_order_id AND w.technician_id = @TechnicianId
                         AND w.status NOT IN ('Closed','Cancelled'))
        """;
    private static readonly DialectSql RemovedSql = new(
        Sqlite: """
            SELECT DISTINCT t.work_order_id FROM mobile_tombstones t
            WHERE t.technician_id = @TechnicianId AND t.sync_version > @Since AND t.sync_version <= @Bound
            """ + NotInViewNow,
        SqlServer: """
            SELECT DISTINCT t.work_order_id FROM mobile_tombstones t
            WHERE t.technician_id = @TechnicianId AND t.sync_version > CAST(@Since AS BINARY(8)) AND t.sync_version <= CAST(@Bound AS BINARY(8))
            """ + NotInViewNow);

    public static async Task<IResult> Get(string? since, HttpContext http, Db db, TimeProvider clock, IOptions<RetentionOptions> retention)
    {
        var me = http.Me();
        var now = clock.GetUtcNow();
        long from = 0;
        if (!string.IsNullOrEmpty(since))
        {
            if (since.Length > 100 || !TryParseToken(since, out from, out var issued))
                return Problems.Validation("since", Codes.Refusal.NotOurSyncToken);
            if (issued < now - TimeSpan.FromDays(retention.Value.SyncTombstoneDays))
                return Expired(Codes.Refusal.SyncTooOld);
        }
        var full = string.IsNullOrEmpty(since);
        return await db.InReadTransactionAsync(async (c, tx) =>
        {
            var bound = await c.ExecuteScalarAsync<long>(db.Sql(BoundSql), transaction: tx);
            if (from > bound) return Expired(Codes.Refusal.SyncAhead);
            var args = new { me.TechnicianId, Since = from, Bound = bound };
            var changed = (await c.QueryAsync<WorkOrder>(db.Sql(ChangedSql), args, tx)).ToList();
            var removed = full ? [] : (await c.QueryAsync<Guid>(db.Sql(RemovedSql), args, tx)).ToList();
            var jobs = await MobileJobs.DescribeAsync(c, tx, changed, now);
            return TypedResults.Ok(new SyncResponse(Token(bound, now), full, jobs, removed));
        });
    }

    private static IResult Expired(Text why) => Problems.Make(StatusCodes.Status410Gone, "sync-token-expired", why);

    private static string Token(long version, DateTimeOffset issued) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"1:{version}:{issued.ToUnixTimeSeconds()}")));

    private static bool TryParseToken(string token, out long version, out DateTimeOffset issued)
    {
        (version, issued) = (0, default);
        try
        {
            var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token)).Split(':');
            if (parts is not ["1", var v, var t]) return false;
            if (!long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out version) ||
                !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
            issued = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return version >= 0;
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }
}
