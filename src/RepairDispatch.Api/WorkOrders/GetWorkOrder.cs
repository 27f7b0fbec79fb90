using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.WorkOrders;

public static class GetWorkOrder
{
    public static async Task<IResult> Handle(Guid id, HttpContext http, Db db, TimeProvider clock)
    {
        var order = await WorkOrder.LoadAsync(db, id);
        // Another technician's job, or another store's order, is answered exactly like a missing one.
        if (order is null || !order.IsVisibleTo(http.Me())) return Problems.NotFound(Codes.Thing.WorkOrder);
        await using var c = await db.OpenAsync();
        var response = WorkOrderResponse.From(order, clock.GetUtcNow()) with { PartsRequests = await Stock.ReadPartsRequests.OfOrderAsync(c, id) };
        return new WithETag(order.ETag, TypedResults.Ok(response));
    }
}
