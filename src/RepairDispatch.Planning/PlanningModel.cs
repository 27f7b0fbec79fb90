namespace RepairDispatch.Planning;

/// <summary>
/// Travel between the problem's nodes (locations). <see cref="Cost"/> is what the objective minimises (distance or
/// seconds), <see cref="Time"/> what the schedule uses, in the same unit as windows and service times.
/// </summary>
public interface ITravelMatrix
{
    int NodeCount { get; }
    double Cost(int from, int to);
    double Time(int from, int to);
}

/// <summary>A technician (or a Solomon vehicle): where the day starts and ends, the shift, what it can carry and do.</summary>
/// <param name="Capacity">The most demand the route may serve (a technician's jobs a day; a vehicle's load).</param>
/// <param name="Break">An optional lunch break taken somewhere inside [EarliestStart, LatestStart].</param>
public sealed record PlanVehicle(string Id, int StartNode, int EndNode, double ShiftStart, double ShiftEnd, int Capacity,
    IReadOnlySet<string> Skills, PlanBreak? Break = null);

public sealed record PlanBreak(double EarliestStart, double LatestStart, double Duration);

/// <summary>A visit: where, when the service may start (its window), how long it takes, what it needs.</summary>
/// <param name="RequiredSkills">The vehicle must have every one (a category skill, a manufacturer certification).</param>
/// <param name="PinnedVehicle">A started visit: it stays with this vehicle, before any other visit, in the given order.</param>
public sealed record PlanVisit(string Id, int Node, double WindowStart, double WindowEnd, double ServiceTime, int Demand,
    IReadOnlySet<string> RequiredSkills, string? PinnedVehicle = null);

public enum PlanObjective
{
    /// <summary>Fewest unserved visits, then least travel, then balanced load (a service station's day).</summary>
    ServeAllThenTravelThenBalance,

    /// <summary>Fewest vehicles, then least distance (Solomon's hierarchical objective); every visit must be served.</summary>
    VehiclesThenDistance,
}

public sealed record PlanningProblem(IReadOnlyList<PlanVehicle> Vehicles, IReadOnlyList<PlanVisit> Visits, ITravelMatrix Travel,
    PlanObjective Objective = PlanObjective.ServeAllThenTravelThenBalance);

public sealed record PlanStop(string VisitId, double Arrival, double ServiceStart, double Departure);

/// <param name="End">When the vehicle is back at its EndNode (after the break when it is taken there).</param>
public sealed record PlanRoute(string VehicleId, IReadOnlyList<PlanStop> Stops, double Travel, double End)
{
    /// <summary>When the vehicle's break starts; null when it has none or the route is empty.</summary>
    public double? BreakStart { get; init; }
}

/// <summary>
/// Why a visit is left out: a stable code (`plan.{code}`) with its arguments, which the service words in its user's
/// language, and the same in English words for logs and tests.
/// </summary>
public sealed record UnservedReason(string Code, IReadOnlyDictionary<string, string> Args, string Text);

/// <summary>A visit no route could take, and why (no skilled technician, window outside every shift, …).</summary>
public sealed record UnservedVisit(string VisitId, UnservedReason Why)
{
    public string Reason => Why.Text;
}

public sealed record PlanResult(IReadOnlyList<PlanRoute> Routes, IReadOnlyList<UnservedVisit> Unserved, double TotalTravel)
{
    public int VehiclesUsed => Routes.Count(r => r.Stops.Count > 0);
}

/// <summary>How far a long solve has got, for a progress display.</summary>
public sealed record PlanProgress(double Fraction, string Phase, double BestCost);
