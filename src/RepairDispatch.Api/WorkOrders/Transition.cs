using System.Data.Common;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.WorkOrders;

/// <summary>
/// Runs one status action the same way for every route: load, check visibility, If-Match (optional on
/// actions), ask the status machine, let the action check and change its own fields, save with a version
/// check, and write the event — all in one transaction. A version that moved on runs it all again from fresh state
/// (then a stale If-Match answers 412).
/// </summary>
public static class Transition
{
    /// <summary>The action's own checks and changes: return a problem to refuse (what the step wrote is rolled back).</summary>
    public delegate Task<IResult?> Step(WorkOrder order, DbConnection c, DbTransaction tx);

    /// <param name="occurredAt">When it happened by the client's clock (an offline phone), if it says; else now.</param>
    public static async Task<IResult> RunAsync(HttpContext http, Db db, TimeProvider clock, Guid id, WorkOrderAction action,
        string? reason, Step? step = null, string? eventKind = null, DateTimeOffset? occurredAt = null)
    {
        var me = http.Me();
        if (StatusMachine.NeedsReason(action) && string.IsNullOrWhiteSpace(reason))
            return Problems.Validation("reason", Codes.Refusal.ReasonRequired);
        var ifMatch = ETags.IfMatch(http.Request);
        var now = clock.GetUtcNow();
        if (ClientTime.Check(occurredAt, now) is { } badTime) return badTime;
        var when = occurredAt?.ToUniversalTime() ?? now;
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var order = await WorkOrder.LoadAsync(c, tx, id);
            if (order is null || !order.IsVisibleTo(me)) return Problems.NotFound(Codes.Thing.WorkOrder);
            if (ifMatch is { } expected && expected != order.Version) return Problems.PreconditionFailed(order.ETag);
            if (occurredAt is not null && await WorkOrderEvents.LastOccurredAsync(c, tx, order.Id) is { } last && when < last)
                return Problems.Validation("occurredAt", Codes.Refusal.BeforePreviousStep.With(last.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
            var from = order.Status;
            if (!StatusMachine.TryMove(from, action, out var to)) return Problems.InvalidTransition(from, action);
            if (step is not null && await step(order, c, tx) is { } refusal) return refusal;
            order.Status = to;
            Stamp(order, from, to, when);
            await order.SaveAsync(c, tx, now);
            await WorkOrderEvents.WriteAsync(c, tx, order.Id, me, now, eventKind ?? action.ToString(), from, to, WorkOrderEvents.Said(reason), when);
            return JsonResponse.Of(http, WorkOrderResponse.From(order, now), etag: order.ETag);
        });
    }

    /// <summary>Milestone times and the SLA pause, which follow from the status change alone (at the time it happened).</summary>
    private static void Stamp(WorkOrder o, WorkOrderStatus from, WorkOrderStatus to, DateTimeOffset now)
    {
        switch (to)
        {
            case WorkOrderStatus.Assigned: o.AssignedAt ??= now; break;
            case WorkOrderStatus.New: o.TechnicianId = null; o.InstallerPartnerId = null; break;
            case WorkOrderStatus.OnSite: o.OnSiteAt ??= now; o.Visits++; break;
            case WorkOrderStatus.AwaitingParts: o.SlaPausedAt = now; break;
            case WorkOrderStatus.Completed: o.CompletedAt = now; break;
            case WorkOrderStatus.Closed: o.ClosedAt = now; break;
            case WorkOrderStatus.Cancelled: o.CancelledAt = now; break;
        }
        if (from == WorkOrderStatus.AwaitingParts && o.SlaPausedAt is { } pausedAt)
        {
            var paused = now - pausedAt;
            o.OnSiteBy += paused;
            o.CompleteBy += paused;
            o.SlaPausedAt = null;
        }
    }
}
