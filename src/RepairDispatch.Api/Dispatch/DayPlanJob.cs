using Dapper;
using Microsoft.Extensions.Options;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Planning;

namespace RepairDispatch.Api.Dispatch;

/// <summary>
/// Computes queued day plans. A plan is claimed with a conditional update (Queued → Running), so one run computes it
/// even when the enqueued job and the sweep, or two nodes, reach it together; a Running plan whose heartbeat stopped
/// (its node died) is queued again by the sweep. Progress and phase are written to the row about twice a second.
/// </summary>
public sealed class DayPlanJob(Db db, TimeProvider clock, IOptions<DispatchOptions> options, ITravelTimesProvider travel, ILogger<DayPlanJob> logger)
{
    private static readonly TimeSpan Stale = TimeSpan.FromMinutes(2);

    private const string ClaimSql = "UPDATE dispatch_plans SET status = 'Running', heartbeat_at = @Now WHERE id = @Id AND status = 'Queued'";
    private const string RequeueStaleSql = "UPDATE dispatch_plans SET status = 'Queued' WHERE status = 'Running' AND heartbeat_at < @Before";
    private const string QueuedSql = "SELECT id FROM dispatch_plans WHERE status = 'Queued' ORDER BY created_at";
    private const string ProgressSql = "UPDATE dispatch_plans SET progress = @Progress, phase = @Phase, heartbeat_at = @Now WHERE id = @Id AND status = 'Running'";
    private const string ReadySql = """
        UPDATE dispatch_plans SET status = 'Ready', progress = 1, phase = 'done', served = @Served, unserved = @Unserved,
               travel_seconds = @TravelSeconds, finished_at = @Now
        WHERE id = @Id AND status = 'Running'
        """;
    private const string FailedSql = "UPDATE dispatch_plans SET status = 'Failed', error = @Error, finished_at = @Now WHERE id = @Id AND status = 'Running'";
    private const string DeleteStopsSql = "DELETE FROM dispatch_plan_stops WHERE plan_id = @Id";

    /// <summary>Every minute: re-queues plans whose run died, and computes queued ones.</summary>
    public async Task<int> SweepAsync()
    {
        List<Guid> queued;
        await using (var c = await db.OpenAsync())
        {
            await c.ExecuteAsync(RequeueStaleSql, new { Before = clock.GetUtcNow() - Stale });
            queued = (await c.QueryAsync<Guid>(QueuedSql)).ToList();
        }
        var done = 0;
        foreach (var id in queued) done += await RunAsync(id) ? 1 : 0;
        return done;
    }

    /// <summary>Computes one plan if it is still queued; false when another run has it.</summary>
    public async Task<bool> RunAsync(Guid id)
    {
        if (await db.InTransactionAsync((c, tx) => c.ExecuteAsync(ClaimSql, new { Id = id, Now = clock.GetUtcNow() }, tx)) == 0) return false;
        try
        {
            DayPlanProblem day;
            DayPlanStore.PlanRow plan;
            await using (var c = await db.OpenAsync())
            {
                plan = (await DayPlanStore.LoadAsync(c, null, id))!;
                var store = (await Roster.StoreAsync(c, null, plan.StoreId))!;
                day = await DayPlanProblem.BuildAsync(c, null, store, plan.Day, options.Value, travel);
            }
            logger.LogInformation("Day plan {PlanId}: {Visits} visits, {Technicians} technicians, {Seconds} s", id, day.Problem.Visits.Count,
                day.Problem.Vehicles.Count, plan.SecondsLimit);
            PlanResult result;
            using (StationMetrics.TimeDispatch("day-plan"))
                result = DayPlanner.Solve(day.Problem, TimeSpan.FromSeconds(plan.SecondsLimit), new ProgressWriter(db, clock, id));
            await SaveAsync(id, day, result);
            logger.LogInformation("Day plan {PlanId} ready: {Served} served, {Unserved} unserved, {TravelMinutes:0} min of travel", id,
                day.Problem.Visits.Count - result.Unserved.Count, result.Unserved.Count, result.TotalTravel / 60);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Day plan {PlanId} failed", id);
            await db.InTransactionAsync((c, tx) => c.ExecuteAsync(FailedSql, new { Id = id, Error = e.Message, Now = clock.GetUtcNow() }, tx));
        }
        return true;
    }

    private async Task SaveAsync(Guid id, DayPlanProblem day, PlanResult result) => await db.InTransactionAsync(async (c, tx) =>
    {
        await c.ExecuteAsync(DeleteStopsSql, new { Id = id }, tx);
        Texts.Text Reason(UnservedVisit u) => Texts.Codes.Plan.Of(u.Why, day.TechnicianNames);
        var stops = result.Routes.SelectMany(r => r.Stops.Select((s, i) => new
        {
            PlanId = id, WorkOrderId = Guid.Parse(s.VisitId), TechnicianId = (Guid?)Guid.Parse(r.VehicleId), Sequence = (int?)(i + 1),
            Arrival = (DateTimeOffset?)day.At(s.Arrival), ServiceStart = (DateTimeOffset?)day.At(s.ServiceStart),
            ServiceEnd = (DateTimeOffset?)day.At(s.Departure), UnservedReasonCode = (string?)null, UnservedReasonArgs = (string?)null,
        })).Concat(result.Unserved.Select(u => new
        {
            PlanId = id, WorkOrderId = Guid.Parse(u.VisitId), TechnicianId = (Guid?)null, Sequence = (int?)null, Arrival = (DateTimeOffset?)null,
            ServiceStart = (DateTimeOffset?)null, ServiceEnd = (DateTimeOffset?)null,
            UnservedReasonCode = (string?)Reason(u).Code, UnservedReasonArgs = Reason(u).StoredArgs(),
        }));
        await c.ExecuteAsync(DayPlanStore.InsertStopSql, stops, tx);
        return await c.ExecuteAsync(ReadySql, new
        {
            Id = id, Served = day.Problem.Visits.Count - result.Unserved.Count, Unserved = result.Unserved.Count,
            TravelSeconds = (int)Math.Round(result.TotalTravel), Now = clock.GetUtcNow(),
        }, tx);
    });

    /// <summary>Writes progress at most twice a second; the write also keeps the heartbeat.</summary>
    private sealed class ProgressWriter(Db db, TimeProvider clock, Guid id) : IProgress<PlanProgress>
    {
        private DateTimeOffset _last = DateTimeOffset.MinValue;

        public void Report(PlanProgress value)
        {
            var now = clock.GetUtcNow();
            if (now - _last < TimeSpan.FromMilliseconds(500)) return;
            _last = now;
            using var c = db.OpenAsync().GetAwaiter().GetResult();
            c.Execute(ProgressSql, new { Id = id, Progress = Math.Round(value.Fraction, 3), Phase = value.Phase, Now = now });
        }
    }
}
