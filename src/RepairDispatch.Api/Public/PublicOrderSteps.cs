using System.ComponentModel.DataAnnotations;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Public;

public sealed record PublicRescheduleRequest([property: Required] DateTimeOffset? From, [property: Required] DateTimeOffset? To);

public sealed record PublicCancelRequest([property: Required, StringLength(500, MinimumLength = 1)] string Reason);

/// <summary>
/// The customer moves the visit (to another offered window, before the technician leaves) or cancels (before dispatch).
/// Both are recorded as the order's events under the link's maker, shown as the customer; the desk sees them in the timeline.
/// </summary>
public static class PublicOrderSteps
{
    public static Task<IResult> Reschedule(string token, PublicRescheduleRequest request, Db db, TimeProvider clock) =>
        OnOrderAsync(token, db, clock, async (order, link, c, tx, now) =>
        {
            if (!PublicRules.CanReschedule(order.Status))
                return Problems.Conflict("too-late-to-reschedule", Codes.Public.TooLateToReschedule.With(Codes.Word(order.Status)));
            var zone = await Stores.StoreClock.OfStoreAsync(c, tx, order.StoreId);
            var wanted = new Window(request.From!.Value.ToUniversalTime(), request.To!.Value.ToUniversalTime());
            if (!OfferedWindows.For(zone, now, PublicOrder.Booked(order)).Any(w => OfferedWindows.Same(w, wanted)))
                return Problems.Validation("from", Codes.Public.NotAnOfferedWindow);
            (order.AppointmentFrom, order.AppointmentTo) = (wanted.From, wanted.To);
            await order.SaveAsync(c, tx, now);
            await WorkOrderEvents.WriteAsync(c, tx, order.Id, link.Actor, now, "Rescheduled", null, null,
                Codes.Public.RescheduledByCustomer.With(await AssignWorkOrder.WindowTextAsync(c, tx, order.StoreId, wanted.From, wanted.To)));
            return null;
        });

    public static Task<IResult> Cancel(string token, PublicCancelRequest request, Db db, TimeProvider clock) =>
        OnOrderAsync(token, db, clock, async (order, link, c, tx, now) =>
        {
            if (!PublicRules.CanCancel(order.Status) || !StatusMachine.TryMove(order.Status, WorkOrderAction.Cancel, out var to))
                return Problems.Conflict("too-late-to-cancel", Codes.Public.TooLateToCancel.With(Codes.Word(order.Status)));
            if (await ManufacturerOrders.BrandCancel.CheckAsync(order, null, c, tx) is not null)
                return Problems.Conflict("cancel-by-brand", Codes.Public.CancelThroughBrand);
            var from = order.Status;
            (order.Status, order.CancelledAt) = (to, now);
            await order.SaveAsync(c, tx, now);
            await WorkOrderEvents.WriteAsync(c, tx, order.Id, link.Actor, now, WorkOrderAction.Cancel.ToString(), from, to,
                WorkOrderEvents.Said(request.Reason));
            return null;
        });

    public delegate Task<IResult?> OrderStep(WorkOrder order, PublicLink link, System.Data.Common.DbConnection c,
        System.Data.Common.DbTransaction tx, DateTimeOffset now);

    /// <summary>Finds the link's order, runs the step, answers the page's fresh view; a refusal rolls everything back.</summary>
    public static async Task<IResult> OnOrderAsync(string token, Db db, TimeProvider clock, OrderStep step)
    {
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var link = await PublicLinks.FindAsync(c, tx, token, LinkKind.Order, now);
            if (link is null) return Problems.NotFound(Codes.Public.Link);
            var order = (await WorkOrder.LoadAsync(c, tx, link.WorkOrderId!.Value))!;
            if (await step(order, link, c, tx, now) is { } refusal) return refusal;
            return TypedResults.Ok(await PublicOrder.ViewAsync(c, order, now, tx));
        });
    }
}
