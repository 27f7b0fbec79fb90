using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.WorkOrders;
using RepairDispatch.Planning;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Dispatch;

public sealed record UrgentInsertionRequest([property: Required] Guid? WorkOrderId);

/// <param name="TechnicianId">Who takes it; null when no route of today's plan could (see <paramref name="Reason"/>).</param>
/// <param name="Reason">Why it was not inserted, in the caller's language; <paramref name="ReasonCode"/> is the same as a code with arguments.</param>
public sealed record UrgentInsertionResponse(Guid WorkOrderId, Guid? TechnicianId, int? Sequence, DateTimeOffset? PlannedArrival, string? Reason,
    Text? ReasonCode = null);

/// <summary>
/// An urgent order arriving during the day goes into today's applied plan at the cheapest feasible place: one
/// technician's route changes, after its started stops, and every other visit keeps its window. Done at intake for
/// urgent orders of today when the store has an applied plan, or on request.
/// </summary>
public static class UrgentInsertions
{
    private sealed class PlannedRow
    {
        public Guid WorkOrderId { get; init; }
        public Guid TechnicianId { get; init; }
        public long Sequence { get; init; }
        public DateTimeOffset Arrival { get; init; }
        public DateTimeOffset ServiceStart { get; init; }
        public DateTimeOffset ServiceEnd { get; init; }
        public string Status { get; init; } = "";
    }

    private const string AppliedPlanSql = "SELECT id FROM dispatch_plans WHERE store_id = @StoreId AND day = @Day AND status = 'Applied'";
    private const string PlannedSql = """
        SELECT s.work_order_id, s.technician_id, s.sequence, s.arrival, s.service_start, s.service_end, w.status
        FROM dispatch_plan_stops s JOIN work_orders w ON w.id = s.work_order_id
        WHERE s.plan_id = @PlanId AND s.technician_id IS NOT NULL
        ORDER BY s.technician_id, s.sequence
        """;
    private const string DeleteRouteSql = "DELETE FROM dispatch_plan_stops WHERE plan_id = @PlanId AND (technician_id = @TechnicianId OR work_order_id IN @Orders)";

    public static async Task<IResult> Post(UrgentInsertionRequest request, HttpContext http, Db db, TimeProvider clock, IOptions<DispatchOptions> options,
        ITravelTimesProvider travel)
    {
        var me = http.Me();
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var order = await WorkOrder.LoadAsync(c, tx, request.WorkOrderId!.Value);
            if (order is null || !order.IsVisibleTo(me)) return Problems.Validation("workOrderId", Codes.Refusal.NoSuchWorkOrder);
            if (!StatusMachine.TryMove(order.Status, WorkOrderAction.Assign, out _))
                return Problems.InvalidTransition(order.Status, WorkOrderAction.Assign);
            return await TryAsync(c, tx, order, me, now, options.Value, travel) is { } inserted
                ? TypedResults.Ok(inserted) : Problems.Conflict("no-applied-plan", Codes.Refusal.NoAppliedPlan);
        });
    }

    /// <summary>Inserts the order into today's applied plan; null when there is none (or the order is for another day).</summary>
    public static async Task<UrgentInsertionResponse?> TryAsync(DbConnection c, DbTransaction tx, WorkOrder order, CurrentUser me, DateTimeOffset now,
        DispatchOptions options, ITravelTimesProvider travel)
    {
        var store = (await Roster.StoreAsync(c, tx, order.StoreId))!;
        var today = store.DayOf(now);
        if (order.AppointmentFrom is { } booked && store.DayOf(booked) != today) return null;
        if (await c.ExecuteScalarAsync<Guid?>(AppliedPlanSql, new { order.StoreId, Day = today }, tx) is not { } planId) return null;

        var day = await DayPlanProblem.BuildAsync(c, tx, store, today, options, travel, unbooked: order.Id, now: now);
        var inProblem = day.Problem.Visits.Select(v => v.Id).ToHashSet();
        var planned = (await c.QueryAsync<PlannedRow>(PlannedSql, new { PlanId = planId }, tx))
            .Where(p => p.WorkOrderId != order.Id && inProblem.Contains(p.WorkOrderId.ToString())).ToList();
        double Seconds(DateTimeOffset t) => (t - store.At(today, TimeSpan.Zero)).TotalSeconds;
        var routes = planned.GroupBy(p => p.TechnicianId).Select(g => new PlanRoute(g.Key.ToString(),
            g.Select(p => new PlanStop(p.WorkOrderId.ToString(), Seconds(p.Arrival), Seconds(p.ServiceStart), Seconds(p.ServiceEnd))).ToList(), 0, 0)).ToList();
        var started = planned.GroupBy(p => p.TechnicianId).ToDictionary(g => g.Key.ToString(),
            g => g.TakeWhile(p => p.Status is nameof(WorkOrderStatus.EnRoute) or nameof(WorkOrderStatus.OnSite)).Count());
        var urgent = day.Problem.Visits.Single(v => v.Id == order.Id.ToString());
        var result = UrgentInsertion.Insert(day.Problem, new PlanResult(routes, [], 0), started, urgent, Seconds(now));

        if (result.Unserved.FirstOrDefault(u => u.VisitId == urgent.Id) is { } refused)
        {
            var why = Codes.Plan.Of(refused.Why, day.TechnicianNames);
            await WorkOrderEvents.WriteAsync(c, tx, order.Id, me, now, "UrgentNotInserted", null, null, why);
            return new UrgentInsertionResponse(order.Id, null, null, null, why.Render(), why);
        }
        var route = result.Routes.Single(r => r.Stops.Any(s => s.VisitId == urgent.Id));
        var technician = Guid.Parse(route.VehicleId);
        await SaveRouteAsync(c, tx, planId, technician, route, day, order, me, now);
        var position = route.Stops.ToList().FindIndex(s => s.VisitId == urgent.Id);
        return new UrgentInsertionResponse(order.Id, technician, position + 1, day.At(route.Stops[position].Arrival), null);
    }

    /// <summary>The changed route replaces the technician's stops in the plan; orders get their new place; the urgent one is assigned.</summary>
    private static async Task SaveRouteAsync(DbConnection c, DbTransaction tx, Guid planId, Guid technician, PlanRoute route, DayPlanProblem day,
        WorkOrder urgent, CurrentUser me, DateTimeOffset now)
    {
        var orders = route.Stops.Select(s => Guid.Parse(s.VisitId)).ToList();
        await c.ExecuteAsync(DeleteRouteSql, new { PlanId = planId, TechnicianId = technician, Orders = Db.IdList(c, orders) }, tx);
        await c.ExecuteAsync(DayPlanStore.InsertStopSql, route.Stops.Select((s, i) => new
        {
            PlanId = planId, WorkOrderId = Guid.Parse(s.VisitId), TechnicianId = (Guid?)technician, Sequence = (int?)(i + 1),
            Arrival = (DateTimeOffset?)day.At(s.Arrival), ServiceStart = (DateTimeOffset?)day.At(s.ServiceStart),
            ServiceEnd = (DateTimeOffset?)day.At(s.Departure), UnservedReasonCode = (string?)null, UnservedReasonArgs = (string?)null,
        }), tx);
        for (var i = 0; i < route.Stops.Count; i++)
        {
            var order = orders[i] == urgent.Id ? urgent : (await WorkOrder.LoadAsync(c, tx, orders[i]))!;
            var arrival = day.At(route.Stops[i].Arrival);
            if (order.RouteSequence == i + 1 && order.PlannedArrival == arrival && order.TechnicianId == technician) continue;
            (order.RouteSequence, order.PlannedArrival) = (i + 1, arrival);
            if (order.Id == urgent.Id && order.TechnicianId != technician
                && await order.AssignAsync(c, tx, technician, me, now, nameof(WorkOrderAction.Assign), Codes.Event.UrgentInserted))
                continue;
            await order.SaveAsync(c, tx, now);
        }
    }
}
