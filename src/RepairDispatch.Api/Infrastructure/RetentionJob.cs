using Dapper;
using Microsoft.Extensions.Options;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>`RepairDispatch:Retention`: how long the short-lived tables keep their rows.</summary>
public sealed class RetentionOptions
{
    /// <summary>Idempotency keys: a retried request is recognised for at least this long (≥ 24 h).</summary>
    public int IdempotencyKeyHours { get; set; } = 48;

    /// <summary>Technicians' location pings.</summary>
    public int LocationPingDays { get; set; } = 30;

    /// <summary>Sync tombstones; a sync token older than this is answered 410 and the phone syncs from scratch.</summary>
    public int SyncTombstoneDays { get; set; } = 30;

    /// <summary>Evidence photos of a claim: years after the month of the claim's last (paid) run (SECURITY.md).</summary>
    public int ClaimPhotoYears { get; set; } = 3;

    /// <summary>Evidence photos of an order that never went into a claim: days after it was completed or cancelled.</summary>
    public int UnclaimedPhotoDays { get; set; } = 180;
}

/// <summary>
/// Hourly: deletes idempotency keys, location pings and sync tombstones past their retention, so none of these
/// tables grows without bound, and evidence photos past theirs (<see cref="Photos.PhotoRetention"/>). Deleting what is
/// already gone does nothing, so a repeated or concurrent run is harmless.
/// </summary>
public sealed class RetentionJob(Db db, Photos.IBlobStore blobs, TimeProvider clock, IOptions<RetentionOptions> options, ILogger<RetentionJob> logger)
{
    private const string KeysSql = "DELETE FROM idempotency_keys WHERE created_at < @Cutoff";
    private const string PingsSql = "DELETE FROM technician_locations WHERE recorded_at < @Cutoff";
    private const string TombstonesSql = "DELETE FROM mobile_tombstones WHERE created_at < @Cutoff";

    public async Task<int> RunAsync()
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        await using var c = await db.OpenAsync();
        var keys = await c.ExecuteAsync(KeysSql, new { Cutoff = now.AddHours(-Math.Max(24, o.IdempotencyKeyHours)) });
        var pings = await c.ExecuteAsync(PingsSql, new { Cutoff = now.AddDays(-o.LocationPingDays) });
        var tombstones = await c.ExecuteAsync(TombstonesSql, new { Cutoff = now.AddDays(-o.SyncTombstoneDays) });
        var (photos, blobCount) = await Photos.PhotoRetention.SweepAsync(db, blobs, now, o);
        logger.LogInformation("Retention sweep deleted {IdempotencyKeys} idempotency keys, {LocationPings} location pings, {SyncTombstones} sync tombstones, {Photos} photos, {Blobs} blobs",
            keys, pings, tombstones, photos, blobCount);
        return keys + pings + tombstones + photos;
    }
}
