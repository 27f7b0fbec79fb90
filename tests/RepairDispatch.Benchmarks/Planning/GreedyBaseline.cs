using RepairDispatch.Planning;

namespace RepairDispatch.Benchmarks.Planning;

/// <summary>
/// What a dispatcher's first-come rule does: visits in appointment order (window start, then window end), each appended
/// to the end of the route of the technician it lengthens least among those who can still take it. An append is an
/// urgent insertion in which every stop already planned counts as started. Started (pinned) visits come first, as they
/// are already on their technician's day.
/// </summary>
public static class GreedyBaseline
{
    public static PlanResult Plan(PlanningProblem problem)
    {
        var plan = new PlanResult(
            problem.Vehicles.Select(v => new PlanRoute(v.Id, [], 0, v.ShiftStart)).ToList(), [], 0);
        foreach (var visit in problem.Visits.OrderBy(v => v.PinnedVehicle is null).ThenBy(v => v.WindowStart).ThenBy(v => v.WindowEnd))
        {
            var started = plan.Routes.ToDictionary(r => r.VehicleId, r => r.Stops.Count);
            plan = Place(problem, plan, started, visit);
        }
        return plan;
    }

    /// <summary>
    /// The visit at the cheapest feasible place after each route's started stops (a started visit only on its own
    /// technician), or added to the plan's unserved visits when there is none.
    /// </summary>
    public static PlanResult Place(PlanningProblem problem, PlanResult plan, IReadOnlyDictionary<string, int> started, PlanVisit visit) =>
        visit.PinnedVehicle is null ? UrgentInsertion.Insert(problem, plan, started, visit, double.MinValue)
            : OnItsTechnician(problem, plan, started, visit);

    /// <summary>An urgent insertion considers every technician; a started visit may only go to its own.</summary>
    private static PlanResult OnItsTechnician(PlanningProblem problem, PlanResult plan, IReadOnlyDictionary<string, int> started, PlanVisit visit)
    {
        var own = plan.Routes.Single(r => r.VehicleId == visit.PinnedVehicle);
        var alone = UrgentInsertion.Insert(problem with { Vehicles = [.. problem.Vehicles.Where(v => v.Id == own.VehicleId)] },
            plan with { Routes = [own], Unserved = [] }, started, visit, double.MinValue);
        return new PlanResult(plan.Routes.Select(r => r == own ? alone.Routes[0] : r).ToList(),
            [.. plan.Unserved, .. alone.Unserved], plan.TotalTravel - own.Travel + alone.Routes[0].Travel);
    }
}
