using System.Data.Common;
using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.WorkOrders;

/// <summary>
/// Assignment decided by the system rather than the assign route (auto-dispatch, an applied day plan, an urgent
/// insertion): the status machine decides, the order is saved with its version check and the event written, in the
/// caller's transaction. A version that moved on throws before the event is written (and the caller's unit of work
/// runs again from fresh state).
/// </summary>
public static class SystemAssignment
{
    /// <summary>False when the order's status no longer allows an assignment (nothing is written).</summary>
    public static async Task<bool> AssignAsync(this WorkOrder order, DbConnection c, DbTransaction tx, Guid technician, CurrentUser me,
        DateTimeOffset now, string eventKind, Texts.Text reason)
    {
        if (!StatusMachine.TryMove(order.Status, WorkOrderAction.Assign, out var to)) return false;
        var from = order.Status;
        (order.TechnicianId, order.InstallerPartnerId, order.Status) = (technician, null, to);
        order.AssignedAt ??= now;
        await order.SaveAsync(c, tx, now);
        await WorkOrderEvents.WriteAsync(c, tx, order.Id, me, now, eventKind, from, to, reason);
        return true;
    }
}
