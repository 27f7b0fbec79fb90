namespace RepairDispatch.Planning.Engine;

/// <summary>
/// One search (one thread): construction, route elimination for <see cref="PlanObjective.VehiclesThenDistance"/> (up
/// to <see cref="FleetShare"/> of the time, less when it reaches the capacity bound), then annealing over the rest;
/// it shares its best plan with the other searches through <see cref="SharedBest"/>.
/// </summary>
internal static class Search
{
    private static readonly double FleetShare = SearchClock.Env("OPT_FLEET", 0.4);

    /// <param name="unserved">Receives the pinned visits that cannot be kept (the same for every search).</param>
    public static Solution Run(CompiledProblem p, IReadOnlyList<int> servable, List<UnservedVisit> unserved, int seed,
        SearchClock clock, SharedBest shared)
    {
        var random = new Random(seed);
        var objective = Objective.For(p);
        var recreate = new Recreate(p, objective, random);
        var ruin = new Ruin(p, random);
        var vehiclesFirst = p.Problem.Objective == PlanObjective.VehiclesThenDistance;
        // Measured (docs/benchmarks.md): hotter regroups Solomon's clusters after route elimination (C2 at short budgets
        // stayed 13–20 % off at 20 typical arcs, 0 % at 60–150), cooler serves more visits with less travel on a city day.
        var annealing = vehiclesFirst
            ? new Annealing(objective, ruin, recreate, random, shared, startTemperature: SearchClock.Env("OPT_T0", 100), endTemperature: SearchClock.Env("OPT_T1", 0.1))
            : new Annealing(objective, ruin, recreate, random, shared, startTemperature: 8, endTemperature: 0.08);
        var solution = Construction.Build(p, recreate, servable, unserved);
        shared.Offer(solution);
        clock.Report("construction", solution.Travel, now: true);
        clock.T($"construction {solution.VehiclesUsed} {solution.Travel:F1}");
        if (vehiclesFirst)
        {
            var capacity = Math.Max(1, p.Vehicles.Select(v => v.Capacity).DefaultIfEmpty(0).Max());
            var lowerBound = (int)Math.Ceiling(servable.Sum(v => (double)p.Demand[v]) / capacity);
            solution = new FleetMinimiser(ruin, recreate, shared).Run(solution, clock, FleetShare, p.Visits.Count, lowerBound);
            solution = shared.BetterThan(solution) is { } fewer && fewer.VehiclesUsed < solution.VehiclesUsed ? fewer : solution;
            for (var v = 0; v < solution.Routes.Length; v++) solution.Usable[v] = solution.Routes[v].Visits.Count > 0;
        }
        if (servable.Count > 0) solution = annealing.Run(solution, clock, 1, "travel");
        if (SearchClock.Env("OPT_POLISH", 1) > 0) { var before = objective.Cost(solution); solution = new Polish(p, objective).Run(solution, clock); clock.T($"polish {before:F2} -> {objective.Cost(solution):F2}"); }
        shared.Offer(solution);
        clock.T($"end {solution.VehiclesUsed} {solution.Travel:F1}");
        return solution;
    }
}
