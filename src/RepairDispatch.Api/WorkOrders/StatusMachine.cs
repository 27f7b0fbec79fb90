namespace RepairDispatch.Api.WorkOrders;

/// <summary>
/// The work-order lifecycle of domain.md, the only place that says which status change is allowed:
/// New → Assigned → Accepted → EnRoute → OnSite → Completed → Closed; OnSite → AwaitingParts → EnRoute
/// (second visit); Assigned → New when declined or unassigned; Cancelled from any state before OnSite.
/// </summary>
public static class StatusMachine
{
    private static readonly Dictionary<(WorkOrderStatus From, WorkOrderAction Action), WorkOrderStatus> Moves = new()
    {
        [(WorkOrderStatus.New, WorkOrderAction.Assign)] = WorkOrderStatus.Assigned,
        [(WorkOrderStatus.Assigned, WorkOrderAction.Assign)] = WorkOrderStatus.Assigned, // reassign to someone else
        [(WorkOrderStatus.Assigned, WorkOrderAction.Unassign)] = WorkOrderStatus.New,
        [(WorkOrderStatus.Assigned, WorkOrderAction.Decline)] = WorkOrderStatus.New,
        [(WorkOrderStatus.Assigned, WorkOrderAction.Accept)] = WorkOrderStatus.Accepted,
        [(WorkOrderStatus.Accepted, WorkOrderAction.Depart)] = WorkOrderStatus.EnRoute,
        [(WorkOrderStatus.AwaitingParts, WorkOrderAction.Depart)] = WorkOrderStatus.EnRoute,
        [(WorkOrderStatus.EnRoute, WorkOrderAction.Arrive)] = WorkOrderStatus.OnSite,
        [(WorkOrderStatus.OnSite, WorkOrderAction.AwaitParts)] = WorkOrderStatus.AwaitingParts,
        [(WorkOrderStatus.OnSite, WorkOrderAction.Complete)] = WorkOrderStatus.Completed,
        [(WorkOrderStatus.Completed, WorkOrderAction.Close)] = WorkOrderStatus.Closed,
        [(WorkOrderStatus.New, WorkOrderAction.Cancel)] = WorkOrderStatus.Cancelled,
        [(WorkOrderStatus.Assigned, WorkOrderAction.Cancel)] = WorkOrderStatus.Cancelled,
        [(WorkOrderStatus.Accepted, WorkOrderAction.Cancel)] = WorkOrderStatus.Cancelled,
        [(WorkOrderStatus.EnRoute, WorkOrderAction.Cancel)] = WorkOrderStatus.Cancelled,
    };

    public static bool TryMove(WorkOrderStatus from, WorkOrderAction action, out WorkOrderStatus to) => Moves.TryGetValue((from, action), out to);

    /// <summary>Declining, unassigning and cancelling must say why.</summary>
    public static bool NeedsReason(WorkOrderAction action) => action is WorkOrderAction.Unassign or WorkOrderAction.Decline or WorkOrderAction.Cancel;

    /// <summary>Statuses in which the order still occupies its appliance (a second intake is a duplicate).</summary>
    public static bool IsOpen(WorkOrderStatus status) => status is not (WorkOrderStatus.Completed or WorkOrderStatus.Closed or WorkOrderStatus.Cancelled);

    public static string Verb(WorkOrderAction action) => action switch
    {
        WorkOrderAction.Assign => "be assigned",
        WorkOrderAction.Unassign => "be unassigned",
        WorkOrderAction.Accept => "be accepted",
        WorkOrderAction.Decline => "be declined",
        WorkOrderAction.Depart => "depart",
        WorkOrderAction.Arrive => "arrive",
        WorkOrderAction.AwaitParts => "wait for parts",
        WorkOrderAction.Complete => "be completed",
        WorkOrderAction.Close => "be closed",
        _ => "be cancelled",
    };
}
