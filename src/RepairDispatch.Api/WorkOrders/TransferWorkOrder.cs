using System.ComponentModel.DataAnnotations;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Stores;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.WorkOrders;

public sealed record TransferRequest([property: Required] Guid? ToStoreId, [property: Required, StringLength(1000, MinimumLength = 1)] string Reason);

/// <summary>
/// Moves an order to another shop before anyone is on site: the old store's technician is released and the order takes
/// the next number of the new store's day (numbers are unique per store; the old one stays in the timeline).
/// </summary>
public static class TransferWorkOrder
{
    private static readonly WorkOrderStatus[] Movable = [WorkOrderStatus.New, WorkOrderStatus.Assigned, WorkOrderStatus.Accepted, WorkOrderStatus.EnRoute];
    private const string MoveSql = "UPDATE work_orders SET store_id = @StoreId, number = @Number WHERE id = @Id";

    public static async Task<IResult> Handle(Guid id, TransferRequest request, HttpContext http, Db db, TimeProvider clock)
    {
        var me = http.Me();
        var ifMatch = ETags.IfMatch(http.Request);
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var order = await WorkOrder.LoadAsync(c, tx, id);
            if (order is null || !order.IsVisibleTo(me)) return Problems.NotFound(Codes.Thing.WorkOrder);
            if (ifMatch is { } expected && expected != order.Version) return Problems.PreconditionFailed(order.ETag);
            if (!Movable.Contains(order.Status))
                return Problems.InvalidTransition(order.Status.ToString(), Codes.Chain.TransferTooLate.With(order.Status.ToString()));
            var from = (await Routing.StoreAsync(c, tx, order.StoreId))!;
            var to = await Routing.StoreAsync(c, tx, request.ToStoreId);
            if (to is null) return Problems.Validation("toStoreId", Codes.Refusal.NoSuchStore);
            if (to.Id == order.StoreId) return Problems.Validation("toStoreId", Codes.Chain.TransferSameStore);
            if (to.IsWarehouse) return Problems.Validation("toStoreId", Codes.Chain.WarehouseTakesNoOrders.With(to.Code));

            var oldNumber = order.Number;
            var status = order.Status;
            order.Number = await WorkOrderNumbers.NextAsync(db, c, tx, to.Id, StoreClock.Zone(to.TimeZone).DayOf(now));
            order.StoreId = to.Id;
            (order.TechnicianId, order.InstallerPartnerId, order.RouteSequence, order.PlannedArrival) = (null, null, null, null);
            order.Status = WorkOrderStatus.New;
            await c.ExecuteAsync(MoveSql, new { order.StoreId, order.Number, order.Id }, tx);
            await order.SaveAsync(c, tx, now);
            await WorkOrderEvents.WriteAsync(c, tx, order.Id, me, now, "Transferred", status, order.Status,
                Codes.Chain.Transferred.With(from.Code, to.Code, oldNumber, request.Reason.Trim()));
            return JsonResponse.Of(http, WorkOrderResponse.From(order, now), etag: order.ETag);
        });
    }
}
