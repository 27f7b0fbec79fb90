using RepairDispatch.Planning.Engine;

namespace RepairDispatch.Planning;

/// <summary>
/// Plans a day: which vehicle serves which visit, in which order and when, under skills, windows, shifts, capacity,
/// breaks and pins. The search is SISR-style ruin and recreate (string removals, cheapest insertion with blinks) under
/// simulated annealing; for <see cref="PlanObjective.VehiclesThenDistance"/> a route-elimination phase takes up to
/// 40 % of the time (20 % in every second parallel search; less when it reaches the capacity bound), and the rest
/// minimises distance with that many vehicles. A descent (visits left out that now fit, relocate, 2-opt*) polishes each
/// search's best plan at five points of the annealing's second half, and its final plan.
/// </summary>
public static class DayPlanner
{
    /// <summary>
    /// Solves within <paramref name="timeLimit"/> (it uses the whole limit, less on cancellation, returning the best
    /// plan found) on every core unless <paramref name="options"/> says otherwise: each thread runs its own search from
    /// its own seed, and they share the best plan. Every vehicle gets a route in the result, empty when unused; visits
    /// that cannot be served are in <see cref="PlanResult.Unserved"/> with why.
    /// </summary>
    public static PlanResult Solve(PlanningProblem problem, TimeSpan timeLimit, IProgress<PlanProgress>? progress = null,
        CancellationToken ct = default, PlanSearchOptions? options = null)
    {
        options ??= PlanSearchOptions.AllCores;
        var p = new CompiledProblem(problem);
        var unserved = new List<UnservedVisit>();
        var servable = new List<int>();
        for (var visit = 0; visit < p.Visits.Count; visit++)
        {
            var why = Servability.WhyImpossible(p, visit);
            if (why is null) servable.Add(visit);
            else unserved.Add(new UnservedVisit(p.Visits[visit].Id, why));
        }
        _ = p.Neighbours;

        var objective = Objective.For(p);
        var shared = new SharedBest(objective, problem.Objective == PlanObjective.VehiclesThenDistance);
        var threads = options.ThreadCount;
        var pinnedOut = new List<UnservedVisit>[threads];
        var clocks = Enumerable.Range(0, threads)
            .Select(k => new SearchClock(timeLimit, k == 0 ? progress : null, ct, options.Iterations)).ToArray();
        if (threads == 1) Run(0);
        else Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, Run);
        void Run(int k)
        {
            pinnedOut[k] = [];
            Search.Run(p, servable, pinnedOut[k], options.Seed, k, clocks[k], shared);
        }

        var solution = shared.Best!;
        clocks[0].Report("done", solution.Travel, now: true);
        unserved.AddRange(pinnedOut[0]);
        unserved.AddRange(solution.Unassigned.Select(visit => new UnservedVisit(p.Visits[visit].Id, Servability.NoRoom(p, visit))));
        var routes = solution.Routes.Select(r => ResultBuilder.Route(p, r, [], 0, null)).ToList();
        return ResultBuilder.Build(p, routes, unserved);
    }
}
