using RepairDispatch.Planning.Engine;

namespace RepairDispatch.Planning;

/// <summary>
/// Plans a day: which vehicle serves which visit, in which order and when, under skills, windows, shifts, capacity,
/// breaks and pins. The search is SISR-style ruin and recreate (string removals, cheapest insertion with blinks) under
/// simulated annealing; for <see cref="PlanObjective.VehiclesThenDistance"/> a route-elimination phase takes up to
/// 40 % of the time (less when it reaches the capacity bound), and the rest minimises distance with that many vehicles.
/// </summary>
public static class DayPlanner
{
    private const int Seed = 20240611;
    private const double FleetShare = 0.4;

    /// <summary>
    /// Solves within <paramref name="timeLimit"/> (it uses the whole limit, less on cancellation, returning the best
    /// plan found). Every vehicle gets a route in the result, empty when unused; visits that cannot be served are in
    /// <see cref="PlanResult.Unserved"/> with why.
    /// </summary>
    public static PlanResult Solve(PlanningProblem problem, TimeSpan timeLimit, IProgress<PlanProgress>? progress = null,
        CancellationToken ct = default)
    {
        var clock = new SearchClock(timeLimit, progress, ct);
        var p = new CompiledProblem(problem);
        var unserved = new List<UnservedVisit>();
        var servable = new List<int>();
        for (var visit = 0; visit < p.Visits.Count; visit++)
        {
            var why = Servability.WhyImpossible(p, visit);
            if (why is null) servable.Add(visit);
            else unserved.Add(new UnservedVisit(p.Visits[visit].Id, why));
        }

        var random = new Random(Seed);
        var objective = Objective.For(p);
        var recreate = new Recreate(p, objective, random);
        var ruin = new Ruin(p, random);
        // Measured (docs/benchmarks.md): hotter regroups Solomon's clusters after route elimination (C202), cooler serves
        // more visits with less travel on a full city day.
        var annealing = problem.Objective == PlanObjective.VehiclesThenDistance
            ? new Annealing(objective, ruin, recreate, random, startTemperature: 20, endTemperature: 0.1)
            : new Annealing(objective, ruin, recreate, random, startTemperature: 8, endTemperature: 0.08);
        var solution = Construction.Build(p, recreate, servable, unserved);
        clock.Report("construction", solution.Travel, now: true);
        if (problem.Objective == PlanObjective.VehiclesThenDistance)
        {
            var capacity = Math.Max(1, p.Vehicles.Select(v => v.Capacity).DefaultIfEmpty(0).Max());
            var lowerBound = (int)Math.Ceiling(servable.Sum(v => (double)p.Demand[v]) / capacity);
            solution = new FleetMinimiser(ruin, recreate).Run(solution, clock, FleetShare, p.Visits.Count, lowerBound);
            for (var v = 0; v < solution.Routes.Length; v++) solution.Usable[v] = solution.Routes[v].Visits.Count > 0;
        }
        if (servable.Count > 0) solution = annealing.Run(solution, clock, 1, "travel");
        clock.Report("done", solution.Travel, now: true);

        unserved.AddRange(solution.Unassigned.Select(visit => new UnservedVisit(p.Visits[visit].Id, Servability.NoRoom(p, visit))));
        var routes = solution.Routes.Select(r => ResultBuilder.Route(p, r, [], 0, null)).ToList();
        return ResultBuilder.Build(p, routes, unserved);
    }
}
