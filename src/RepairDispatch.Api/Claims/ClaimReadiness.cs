using System.Data.Common;

namespace RepairDispatch.Api.Claims;

/// <summary>Recomputes an order's claim state after anything that can change it (completion, photo, callback, old part).</summary>
public static class ClaimReadiness
{
    // Placeholder signature shared by the claims and old-parts work; the claims work fills it in.
    public static Task RefreshAsync(DbConnection c, DbTransaction tx, Guid workOrderId, DateTimeOffset now) => Task.CompletedTask;
}
