namespace RepairDispatch.Api.Dispatch;

public enum PlanStatus { Queued, Running, Ready, Failed, Applied, Superseded }

public sealed record PlannedStop(Guid WorkOrderId, string Number, int Sequence, DateTimeOffset Arrival, DateTimeOffset ServiceStart, DateTimeOffset ServiceEnd);

public sealed record PlannedRoute(Guid TechnicianId, string TechnicianName, IReadOnlyList<PlannedStop> Stops);

/// <param name="Reason">In the caller's language; <paramref name="ReasonCode"/> is the same as a code with arguments.</param>
public sealed record UnplannedVisit(Guid WorkOrderId, string Number, string Reason, Texts.Text? ReasonCode);

/// <param name="Progress">0–1 while the optimiser runs.</param>
/// <param name="Phase">The optimiser's phase as a code (construction, vehicles, travel, done); <paramref name="PhaseText"/> in the caller's language.</param>
/// <param name="TravelMinutes">The plan's total driving time.</param>
public sealed record DayPlanView(Guid Id, Guid StoreId, DateOnly Day, PlanStatus Status, double Progress, string? Phase, string? PhaseText, int SecondsLimit,
    int? Served, int? Unserved, double? TravelMinutes, string? Error, IReadOnlyList<PlannedRoute> Routes, IReadOnlyList<UnplannedVisit> Unplanned,
    DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, DateTimeOffset? AppliedAt);
