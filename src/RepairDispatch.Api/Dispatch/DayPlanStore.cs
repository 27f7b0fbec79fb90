using System.Data.Common;
using Dapper;

namespace RepairDispatch.Api.Dispatch;

/// <summary>Reading and writing plans and their stops.</summary>
public static class DayPlanStore
{
    internal sealed class PlanRow
    {
        public Guid Id { get; init; }
        public Guid StoreId { get; init; }
        public DateOnly Day { get; init; }
        public string Status { get; init; } = "";
        public double Progress { get; init; }
        public string? Phase { get; init; }
        public long SecondsLimit { get; init; }
        public long? Served { get; init; }
        public long? Unserved { get; init; }
        public long? TravelSeconds { get; init; }
        public string? Error { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? FinishedAt { get; init; }
        public DateTimeOffset? AppliedAt { get; init; }

        public PlanStatus State => Enum.Parse<PlanStatus>(Status);
    }

    internal sealed class StopRow
    {
        public Guid WorkOrderId { get; init; }
        public string Number { get; init; } = "";
        public Guid? TechnicianId { get; init; }
        public string? TechnicianName { get; init; }
        public long? Sequence { get; init; }
        public DateTimeOffset? Arrival { get; init; }
        public DateTimeOffset? ServiceStart { get; init; }
        public DateTimeOffset? ServiceEnd { get; init; }
        public string? UnservedReason { get; init; }
        public string? UnservedReasonCode { get; init; }
        public string? UnservedReasonArgs { get; init; }

        public UnplannedVisit Unplanned()
        {
            var reason = Texts.Text.StoredOrSaid(UnservedReasonCode, UnservedReasonArgs, UnservedReason);
            return new(WorkOrderId, Number, reason?.Render() ?? "", reason);
        }
    }

    internal const string PlanSql = """
        SELECT id, store_id, day, status, progress, phase, seconds_limit, served, unserved, travel_seconds, error, created_at, finished_at, applied_at
        FROM dispatch_plans WHERE id = @Id
        """;
    internal const string StopsSql = """
        SELECT s.work_order_id, w.number, s.technician_id, t.name AS technician_name, s.sequence, s.arrival, s.service_start, s.service_end,
               s.unserved_reason, s.unserved_reason_code, s.unserved_reason_args
        FROM dispatch_plan_stops s JOIN work_orders w ON w.id = s.work_order_id LEFT JOIN technicians t ON t.id = s.technician_id
        WHERE s.plan_id = @Id ORDER BY t.name, s.technician_id, s.sequence, w.number
        """;
    internal const string InsertStopSql = """
        INSERT INTO dispatch_plan_stops (plan_id, work_order_id, technician_id, sequence, arrival, service_start, service_end,
            unserved_reason_code, unserved_reason_args)
        VALUES (@PlanId, @WorkOrderId, @TechnicianId, @Sequence, @Arrival, @ServiceStart, @ServiceEnd, @UnservedReasonCode, @UnservedReasonArgs)
        """;

    internal static Task<PlanRow?> LoadAsync(DbConnection c, DbTransaction? tx, Guid id) => c.QuerySingleOrDefaultAsync<PlanRow>(PlanSql, new { Id = id }, tx);

    internal static async Task<DayPlanView> ViewAsync(DbConnection c, DbTransaction? tx, PlanRow plan)
    {
        var stops = (await c.QueryAsync<StopRow>(StopsSql, new { plan.Id }, tx)).ToList();
        var routes = stops.Where(s => s.TechnicianId is not null).GroupBy(s => (s.TechnicianId!.Value, s.TechnicianName ?? ""))
            .Select(g => new PlannedRoute(g.Key.Value, g.Key.Item2, g.Select(s => new PlannedStop(s.WorkOrderId, s.Number, (int)s.Sequence!.Value,
                s.Arrival!.Value, s.ServiceStart!.Value, s.ServiceEnd!.Value)).ToList())).ToList();
        var unplanned = stops.Where(s => s.TechnicianId is null).Select(s => s.Unplanned()).ToList();
        return new DayPlanView(plan.Id, plan.StoreId, plan.Day, plan.State, plan.Progress, plan.Phase,
            plan.Phase is { } phase ? Texts.Text.Of("plan-phase." + phase).Render() : null, (int)plan.SecondsLimit, (int?)plan.Served,
            (int?)plan.Unserved, plan.TravelSeconds is { } t ? Math.Round(t / 60.0, 1) : null, plan.Error, routes, unplanned,
            plan.CreatedAt, plan.FinishedAt, plan.AppliedAt);
    }
}
