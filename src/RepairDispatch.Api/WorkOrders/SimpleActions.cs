using System.ComponentModel.DataAnnotations;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Api.WorkOrders;

public sealed record ReasonRequest([property: Required, StringLength(1000, MinimumLength = 1)] string Reason);

/// <param name="ReasonCode">Required for a manufacturer's order: one of the codes its brand accepts.</param>
public sealed record CancelRequest([property: Required, StringLength(1000, MinimumLength = 1)] string Reason, [property: StringLength(50)] string? ReasonCode);

/// <summary>The staff actions that need nothing but the status machine and, where it says so, a reason.</summary>
public static class SimpleActions
{
    public static Task<IResult> Unassign(Guid id, ReasonRequest request, HttpContext http, Db db, TimeProvider clock) =>
        Transition.RunAsync(http, db, clock, id, WorkOrderAction.Unassign, request.Reason);

    public static Task<IResult> Cancel(Guid id, CancelRequest request, HttpContext http, Db db, TimeProvider clock) =>
        Transition.RunAsync(http, db, clock, id, WorkOrderAction.Cancel, request.Reason,
            (order, c, tx) => ManufacturerOrders.BrandCancel.CheckAsync(order, request.ReasonCode, c, tx));

    public static Task<IResult> Close(Guid id, HttpContext http, Db db, TimeProvider clock) =>
        Transition.RunAsync(http, db, clock, id, WorkOrderAction.Close, null);
}
