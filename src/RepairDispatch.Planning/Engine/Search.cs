namespace RepairDispatch.Planning.Engine;

/// <summary>
/// One search (one thread): construction, route elimination for <see cref="PlanObjective.VehiclesThenDistance"/> (up
/// to <see cref="FleetShare"/> of the time, less when it reaches the capacity bound), then annealing over the rest, then
/// a polish; it shares its best plan with the other searches through <see cref="SharedBest"/>. With several searches the
/// odd ones stop eliminating routes at <see cref="ShortFleetShare"/>: on most instances the last vehicle that can go
/// goes early and the rest of the fleet phase is spent in vain, so they anneal longer, while the even ones keep trying;
/// a vehicle saved late reaches them at their exchanges (vehicles rank first).
/// </summary>
internal static class Search
{
    private const double FleetShare = 0.4;
    private const double ShortFleetShare = 0.2;

    /// <param name="unserved">Receives the pinned visits that cannot be kept (the same for every search).</param>
    /// <param name="index">The search's number: its seed is <paramref name="seed"/> + index, and odd ones eliminate routes for less time.</param>
    public static Solution Run(CompiledProblem p, IReadOnlyList<int> servable, List<UnservedVisit> unserved, int seed, int index,
        SearchClock clock, SharedBest shared)
    {
        var random = new Random(seed + index);
        var objective = Objective.For(p);
        var recreate = new Recreate(p, objective, random);
        var ruin = new Ruin(p, random);
        var polish = new Polish(p, objective);
        var vehiclesFirst = p.Problem.Objective == PlanObjective.VehiclesThenDistance;
        // Measured (docs/benchmarks.md): hotter regroups Solomon's clusters after route elimination (C2 at short budgets
        // stayed 13–20 % off at 20 typical arcs, 0 % at 60–150), cooler serves more visits with less travel on a city day.
        var annealing = vehiclesFirst
            ? new Annealing(objective, ruin, recreate, polish, random, shared, startTemperature: 100, endTemperature: 0.1)
            : new Annealing(objective, ruin, recreate, polish, random, shared, startTemperature: 8, endTemperature: 0.08);
        var solution = Construction.Build(p, recreate, servable, unserved);
        shared.Offer(solution);
        clock.Report("construction", solution.Travel, now: true);
        if (vehiclesFirst)
        {
            var capacity = Math.Max(1, p.Vehicles.Select(v => v.Capacity).DefaultIfEmpty(0).Max());
            var lowerBound = (int)Math.Ceiling(servable.Sum(v => (double)p.Demand[v]) / capacity);
            solution = new FleetMinimiser(ruin, recreate, shared).Run(solution, clock, index % 2 == 0 ? FleetShare : ShortFleetShare,
                p.Visits.Count, lowerBound);
            solution = shared.BetterThan(solution) is { } fewer && fewer.VehiclesUsed < solution.VehiclesUsed ? fewer : solution;
            for (var v = 0; v < solution.Routes.Length; v++) solution.Usable[v] = solution.Routes[v].Visits.Count > 0;
        }
        if (servable.Count > 0) solution = annealing.Run(solution, clock, 1, "travel");
        solution = polish.Run(solution, clock);
        shared.Offer(solution);
        return solution;
    }
}
