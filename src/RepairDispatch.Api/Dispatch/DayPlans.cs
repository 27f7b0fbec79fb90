using System.ComponentModel.DataAnnotations;
using Dapper;
using Hangfire;
using Microsoft.Extensions.Options;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.WorkOrders;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Dispatch;

public sealed record CreatePlanRequest([property: Required] Guid? StoreId, [property: Required] DateOnly? Date, [property: Range(1, 300)] int? Seconds);

public sealed record ApplyPlanResponse(DayPlanView Plan, IReadOnlyList<UnplannedVisit> Skipped);

/// <summary>
/// Day plans: created as a queued row and computed by <see cref="DayPlanJob"/> (progress in the row), read back with
/// each technician's ordered route and the visits that could not be planned, then applied: assignments through the
/// status machine and each order's place on its route, all in one transaction.
/// </summary>
public static class DayPlans
{
    private const string InsertSql = """
        INSERT INTO dispatch_plans (id, store_id, day, status, progress, seconds_limit, created_by_user_id, created_at)
        VALUES (@Id, @StoreId, @Day, 'Queued', 0, @Seconds, @UserId, @Now)
        """;
    private const string SupersedeSql = "UPDATE dispatch_plans SET status = 'Superseded' WHERE store_id = @StoreId AND day = @Day AND status = 'Applied'";
    private const string ClearRoutesSql = """
        UPDATE work_orders SET route_sequence = NULL, planned_arrival = NULL, version = version + 1, updated_at = @Now
        WHERE store_id = @StoreId AND route_sequence IS NOT NULL AND appointment_from >= @DayStart AND appointment_from < @DayEnd
        """;
    private const string AppliedSql = "UPDATE dispatch_plans SET status = 'Applied', applied_at = @Now WHERE id = @Id AND status = 'Ready'";

    public static async Task<IResult> Create(CreatePlanRequest request, HttpContext http, Db db, TimeProvider clock, IOptions<DispatchOptions> options,
        IBackgroundJobClient jobs)
    {
        var me = http.Me();
        if (!me.SeesStore(request.StoreId!.Value)) return Problems.Validation("storeId", Codes.Refusal.NoSuchStore);
        var seconds = Math.Min(request.Seconds ?? options.Value.PlanSeconds, options.Value.MaxPlanSeconds);
        var id = Guid.CreateVersion7();
        var view = await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            if (await Roster.StoreAsync(c, tx, request.StoreId!.Value) is null) return Problems.Validation("storeId", Codes.Refusal.NoSuchStore);
            await c.ExecuteAsync(InsertSql, new { Id = id, request.StoreId, Day = request.Date, Seconds = seconds, UserId = me.Id, Now = clock.GetUtcNow() }, tx);
            return TypedResults.Accepted($"/api/v1/dispatch/plans/{id}", await DayPlanStore.ViewAsync(c, tx, (await DayPlanStore.LoadAsync(c, tx, id))!));
        });
        // The row is the work; this only starts it sooner than the sweep would.
        jobs.Enqueue<DayPlanJob>(job => job.RunAsync(id));
        return view;
    }

    public static async Task<IResult> Get(Guid id, HttpContext http, Db db)
    {
        await using var c = await db.OpenAsync();
        var plan = await DayPlanStore.LoadAsync(c, null, id);
        return plan is null || !http.Me().SeesStore(plan.StoreId) ? Problems.NotFound(Codes.Thing.Plan) : TypedResults.Ok(await DayPlanStore.ViewAsync(c, null, plan));
    }

    public static async Task<IResult> Apply(Guid id, HttpContext http, Db db, TimeProvider clock)
    {
        var me = http.Me();
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var plan = await DayPlanStore.LoadAsync(c, tx, id);
            if (plan is null || !me.SeesStore(plan.StoreId)) return Problems.NotFound(Codes.Thing.Plan);
            if (plan.State != PlanStatus.Ready)
                return Problems.Conflict("plan-not-ready", Codes.Refusal.PlanNotReady.With(Codes.Word(plan.State)),
                    new Dictionary<string, object?> { ["currentStatus"] = plan.State.ToString() });
            var store = (await Roster.StoreAsync(c, tx, plan.StoreId))!;
            await c.ExecuteAsync(SupersedeSql, new { plan.StoreId, plan.Day }, tx);
            await c.ExecuteAsync(ClearRoutesSql, new
            {
                plan.StoreId, Now = now, DayStart = store.At(plan.Day, TimeSpan.Zero), DayEnd = store.At(plan.Day.AddDays(1), TimeSpan.Zero),
            }, tx);
            var skipped = new List<UnplannedVisit>();
            foreach (var stop in await c.QueryAsync<DayPlanStore.StopRow>(DayPlanStore.StopsSql, new { plan.Id }, tx))
            {
                if (stop.TechnicianId is not { } technician) continue;
                if (await PlaceAsync(c, tx, stop, technician, me, now, plan.Day) is { } why) skipped.Add(new UnplannedVisit(stop.WorkOrderId, stop.Number, why.Render(), why));
            }
            await c.ExecuteAsync(AppliedSql, new { plan.Id, Now = now }, tx);
            var applied = (await DayPlanStore.LoadAsync(c, tx, id))!;
            return TypedResults.Ok(new ApplyPlanResponse(await DayPlanStore.ViewAsync(c, tx, applied), skipped));
        });
    }

    /// <summary>Assigns the order to the planned technician (if it may still move) and sets its place; else says why not.</summary>
    private static async Task<Text?> PlaceAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, DayPlanStore.StopRow stop,
        Guid technician, CurrentUser me, DateTimeOffset now, DateOnly day)
    {
        var order = (await WorkOrder.LoadAsync(c, tx, stop.WorkOrderId))!;
        (order.RouteSequence, order.PlannedArrival) = (stop.Sequence, stop.Arrival);
        if (order.TechnicianId == technician)
        {
            await order.SaveAsync(c, tx, now);
            return null;
        }
        return await order.AssignAsync(c, tx, technician, me, now, nameof(WorkOrderAction.Assign), Codes.Event.DayPlan.With(Codes.Day(day)))
            ? null : Codes.Plan.MovedOn.With(Codes.Word(order.Status));
    }
}
