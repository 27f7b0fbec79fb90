using System.ComponentModel.DataAnnotations;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.WorkOrders;

public sealed record ReworkRequest([property: StringLength(2000)] string? FaultDescription, Priority? Priority);

/// <summary>
/// 返修: a completed order whose fault returns within 30 days gets a new order linked to it (it counts
/// against first-time fix). Later than that it is a new intake, not a rework.
/// </summary>
public static class ReworkWorkOrder
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    public static async Task<IResult> Handle(Guid id, ReworkRequest? request, HttpContext http, Db db, TimeProvider clock)
    {
        var me = http.Me();
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var origin = await WorkOrder.LoadAsync(c, tx, id);
            if (origin is null || !origin.IsVisibleTo(me)) return Problems.NotFound(Codes.Thing.WorkOrder);
            if (origin.CompletedAt is not { } completedAt || origin.Status is not (WorkOrderStatus.Completed or WorkOrderStatus.Closed))
                return Problems.InvalidTransition(origin.Status.ToString(), Codes.Refusal.ReworkNotCompleted.With(Codes.Word(origin.Status)));
            if (now - completedAt > Window)
                return Problems.Conflict("rework-window-passed",
                    Codes.Refusal.ReworkWindowPassed.With(origin.Number, completedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
            if (await c.QueryFirstOrDefaultAsync<CreateWorkOrder.OpenOrder>(CreateWorkOrder.OpenOrderSql, new { origin.ApplianceId }, tx) is { } open)
                return CreateWorkOrder.DuplicateIntake(open.Number);
            var facts = await c.QuerySingleAsync<CreateWorkOrder.IntakeFacts>(CreateWorkOrder.FactsSql, new { origin.ApplianceId }, tx);
            var fault = string.IsNullOrWhiteSpace(request?.FaultDescription) ? $"Rework of {origin.Number}: {origin.FaultDescription}" : request.FaultDescription.Trim();
            var rework = await CreateWorkOrder.NewOrderAsync(db, c, tx, facts, origin.Type, fault[..Math.Min(fault.Length, 2000)],
                request?.Priority ?? origin.Priority, me, now);
            rework.Source = origin.Source;
            rework.ReworkOfId = origin.Id;
            (rework.District, rework.Street, rework.Lat, rework.Lon) = (origin.District, origin.Street, origin.Lat, origin.Lon);
            await CreateWorkOrder.InsertAsync(c, tx, rework, me, now, Codes.Event.ReworkOf.With(origin.Number));
            await WorkOrderEvents.WriteAsync(c, tx, origin.Id, me, now, "ReworkOpened", null, null, Codes.Event.ReworkOpened.With(rework.Number));
            return CreateWorkOrder.Created(rework, now);
        });
    }
}
