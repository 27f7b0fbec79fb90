using System.ComponentModel.DataAnnotations;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Claims;

public sealed record ReleaseClaimRequest([property: Required, StringLength(1000, MinimumLength = 1)] string Reason);

/// <summary>
/// A manager releases an Expired claim (the brand accepted it late, say) with the reason: its deadline no longer expires
/// it, and it is Ready or NotReady again by its blockers.
/// </summary>
public static class ReleaseClaim
{
    private const string ReleaseSql = """
        UPDATE work_order_claims SET released_by_user_id = @UserId, released_at = @Now, release_reason = @Reason, updated_at = @Now, version = version + 1
        WHERE work_order_id = @Id AND state = 'Expired'
        """;

    public static async Task<IResult> Handle(Guid workOrderId, ReleaseClaimRequest request, HttpContext http, Db db, TimeProvider clock)
    {
        var reason = request.Reason.Trim();
        if (reason.Length == 0) return Problems.Validation("reason", Codes.Refusal.ReasonRequired);
        var me = http.Me();
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var claim = await ClaimRow.LoadAsync(c, tx, workOrderId);
            if (claim is null || !me.SeesStore(claim.StoreId)) return Problems.NotFound(Codes.ClaimRefusal.Claim);
            if (claim.State != ClaimState.Expired)
                return Problems.Conflict("claim-not-expired", Codes.ClaimRefusal.NotExpired.With(Codes.Word(claim.State)),
                    new Dictionary<string, object?> { ["currentState"] = claim.State.ToString() });
            await WriteRaces.BeforeVersionedWriteAsync(c, tx, "work_order_claims", workOrderId);
            if (await c.ExecuteAsync(ReleaseSql, new { Id = workOrderId, UserId = me.Id, Now = now, Reason = reason }, tx) != 1)
                throw new ConcurrencyConflictException("work_order_claims", workOrderId);
            await ClaimReadiness.RefreshAsync(c, tx, workOrderId, now);
            return TypedResults.Ok((await ClaimRow.LoadAsync(c, tx, workOrderId))!.View());
        });
    }
}
