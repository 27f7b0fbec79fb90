using RepairDispatch.Planning;

namespace RepairDispatch.Benchmarks.Planning;

/// <summary>
/// What a dispatcher's first-come rule does: visits in appointment order (window start, then window end), each appended
/// to the end of the route of the technician it lengthens least among those who can still take it. An append is an
/// urgent insertion in which every stop already planned counts as started.
/// </summary>
public static class GreedyBaseline
{
    public static PlanResult Plan(PlanningProblem problem)
    {
        var plan = new PlanResult(
            problem.Vehicles.Select(v => new PlanRoute(v.Id, [], 0, v.ShiftStart)).ToList(), [], 0);
        foreach (var visit in problem.Visits.OrderBy(v => v.WindowStart).ThenBy(v => v.WindowEnd))
        {
            var started = plan.Routes.ToDictionary(r => r.VehicleId, r => r.Stops.Count);
            plan = UrgentInsertion.Insert(problem, plan, started, visit, double.MinValue);
        }
        return plan;
    }
}
