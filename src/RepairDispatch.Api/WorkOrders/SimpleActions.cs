using System.ComponentModel.DataAnnotations;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Api.WorkOrders;

public sealed record ReasonRequest([property: Required, StringLength(1000, MinimumLength = 1)] string Reason);

/// <summary>The staff actions that need nothing but the status machine and, where it says so, a reason.</summary>
public static class SimpleActions
{
    public static Task<IResult> Unassign(Guid id, ReasonRequest request, HttpContext http, Db db, TimeProvider clock) =>
        Transition.RunAsync(http, db, clock, id, WorkOrderAction.Unassign, request.Reason);

    public static Task<IResult> Cancel(Guid id, ReasonRequest request, HttpContext http, Db db, TimeProvider clock) =>
        Transition.RunAsync(http, db, clock, id, WorkOrderAction.Cancel, request.Reason);

    public static Task<IResult> Close(Guid id, HttpContext http, Db db, TimeProvider clock) =>
        Transition.RunAsync(http, db, clock, id, WorkOrderAction.Close, null);
}
