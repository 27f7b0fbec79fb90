using Microsoft.Extensions.Options;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.ManufacturerOrders;

/// <summary>POST /manufacturer-orders: 201 the new work order; the same brand number again 200 the existing one.</summary>
public static class CreateManufacturerOrder
{
    public static async Task<IResult> Handle(ManufacturerOrderRequest request, HttpContext http, Db db, TimeProvider clock,
        Dispatch.ITravelTimesProvider travel, IOptions<Notifications.NotificationOptions> notifications)
    {
        var me = await BrandCaller.ResolveAsync(http, db);
        var now = clock.GetUtcNow();
        return await ManufacturerOrderIntake.RunAsync(request, me, db, now, travel, notifications.Value.Language) switch
        {
            IntakeOutcome.Created created => CreateWorkOrder.Created(created.Order, now),
            IntakeOutcome.Existing existing => await ExistingAsync(http, db, existing.OrderId, now),
            IntakeOutcome.Refused refused => Problems.Validation(refused.Field, refused.Text),
            _ => throw new InvalidOperationException("Unknown intake outcome"),
        };
    }

    private static async Task<IResult> ExistingAsync(HttpContext http, Db db, Guid id, DateTimeOffset now)
    {
        var order = (await WorkOrder.LoadAsync(db, id))!;
        return JsonResponse.Of(http, WorkOrderResponse.From(order, now), etag: order.ETag, location: $"/api/v1/work-orders/{id}");
    }
}
