using Dapper;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Api.Photos;

/// <summary>
/// The evidence-photo rules of SECURITY.md ("Retention"): a photo of an order that went into a manufacturer's claim is kept
/// while any claim run holding the order is not paid, and <see cref="RetentionOptions.ClaimPhotoYears"/> after the month
/// of its last run; a photo of an ended order that never went into a claim is kept
/// <see cref="RetentionOptions.UnclaimedPhotoDays"/> after the order was completed or cancelled; an open order's photos stay.
/// A blob goes only when no remaining photo names it (the same bytes may be evidence on several orders).
/// </summary>
public static class PhotoRetention
{
    public const int Batch = 500;

    // A claim run holding one of the order's lines: collected from its charges, or made from other lines (SettlementLines).
    private static string ClaimRunOfTheOrder(string condition = "") => $"""
        (EXISTS (SELECT 1 FROM work_order_charges ch JOIN settlement_lines l ON l.id = ch.id JOIN settlement_runs r ON r.id = l.run_id
                 WHERE ch.work_order_id = o.id AND r.manufacturer_id IS NOT NULL {condition})
         OR EXISTS (SELECT 1 FROM settlement_lines l JOIN settlement_runs r ON r.id = l.run_id
                    WHERE l.work_order_id = o.id AND {Settlements.SettlementLines.Derived} AND r.manufacturer_id IS NOT NULL {condition}))
        """;
    private static readonly DialectSql ExpiredSql = Paging.FirstRows($"""
        SELECT p.id, p.sha256, p.thumbnail_sha256 FROM work_order_photos p JOIN work_orders o ON o.id = p.work_order_id
        WHERE o.status IN ('Completed', 'Closed', 'Cancelled')
          AND ((NOT {ClaimRunOfTheOrder()} AND COALESCE(o.completed_at, o.cancelled_at) < @UnclaimedEndedBefore)
            OR ({ClaimRunOfTheOrder()}
                AND NOT {ClaimRunOfTheOrder("AND (r.status <> 'Paid' OR r.period >= @ClaimPeriodBefore)")}))
        ORDER BY p.id
        """);
    private const string StillNamedSql = """
        SELECT sha256, thumbnail_sha256 FROM work_order_photos
        WHERE (sha256 IN @Hashes OR thumbnail_sha256 IN @Hashes) AND id NOT IN @Ids
        """;
    private const string DeleteSql = "DELETE FROM work_order_photos WHERE id IN @Ids";

    /// <summary>Ended orders before this instant, and claim runs of months before this one (`yyyy-MM`), are past retention.</summary>
    public static (DateTimeOffset UnclaimedEndedBefore, string ClaimPeriodBefore) Cutoffs(DateTimeOffset now, RetentionOptions options) =>
        (now.AddDays(-options.UnclaimedPhotoDays), now.AddYears(-options.ClaimPhotoYears).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Deletes the blobs only these photos name, then the photos, a batch at a time. Blobs go first: a sweep stopped in
    /// between leaves rows that the next sweep takes again (deleting a missing blob does nothing), never a blob no row names.
    /// Not covered: an upload of the very same bytes on another order between the check and the delete (milliseconds of an
    /// hourly sweep, and only for bytes past retention) would name a deleted blob; closing that needs a lock per hash.
    /// </summary>
    public static async Task<(int Photos, int Blobs)> SweepAsync(Db db, IBlobStore blobs, DateTimeOffset now, RetentionOptions options)
    {
        var (unclaimedEndedBefore, claimPeriodBefore) = Cutoffs(now, options);
        var (photos, blobCount) = (0, 0);
        while (true)
        {
            await using var c = await db.OpenAsync();
            var expired = (await c.QueryAsync<(Guid Id, string Sha256, string ThumbnailSha256)>(db.Sql(ExpiredSql),
                new { Take = Batch, UnclaimedEndedBefore = unclaimedEndedBefore, ClaimPeriodBefore = claimPeriodBefore })).ToList();
            if (expired.Count == 0) break;
            var ids = Db.IdList(c, expired.Select(e => e.Id));
            var hashes = expired.SelectMany(e => new[] { e.Sha256, e.ThumbnailSha256 }).Distinct().ToArray();
            var named = (await c.QueryAsync<(string Sha256, string ThumbnailSha256)>(StillNamedSql, new { Hashes = hashes, Ids = ids }))
                .SelectMany(n => new[] { n.Sha256, n.ThumbnailSha256 }).ToHashSet();
            foreach (var hash in hashes.Where(h => !named.Contains(h)))
            {
                await blobs.DeleteAsync(hash);
                blobCount++;
            }
            photos += await db.InTransactionAsync((tx, t) => tx.ExecuteAsync(DeleteSql, new { Ids = ids }, t));
            if (expired.Count < Batch) break;
        }
        return (photos, blobCount);
    }
}
