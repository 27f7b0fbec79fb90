namespace RepairDispatch.Planning.Engine;

/// <summary>
/// Ruin and recreate under simulated annealing (SISR), cooling geometrically from a start to an end temperature, in
/// typical arcs (the start's travel per arc), over the phase's share of the time. The search prices an unserved visit low at first (10 typical
/// arcs), so that it can pass through plans that leave a visit out for a while, and raises the price geometrically to
/// the objective's own by the end; the best plan is judged by the objective's price throughout, and the search goes
/// back to it when it has left more visits out than the best for too long. Keeps the vehicles the solution may use.
/// Half-way and at three quarters of the phase it offers its best to the other searches and goes on from theirs when it is better.
/// From half-way on, every tenth of the phase, it polishes its best (<see cref="Polish"/>) and goes on from the polished
/// plan when that is cheaper, so that the cooling search works from plans no single move improves.
/// </summary>
/// <param name="startTemperature">In typical arcs; <paramref name="endTemperature"/> likewise.</param>
internal sealed class Annealing(Objective objective, Ruin ruin, Recreate recreate, Polish polish, Random random, SharedBest shared,
    double startTemperature, double endTemperature)
{
    private const double StartPricePerUnserved = 10;
    private const int PatienceWithMoreUnserved = 2000;
    // Late only: an early exchange puts every search in the same basin (in a 1 s Solomon run with exchanges from a fifth
    // of the phase on, C201 and C204 ended 20 % and 15 % off), a late one lets them all polish the best.
    private static readonly double[] ExchangeAt = [0.5, 0.75];
    private static readonly double[] PolishAt = [0.5, 0.6, 0.7, 0.8, 0.9];

    public Solution Run(Solution start, SearchClock clock, double untilFraction, string phase)
    {
        var from = clock.Fraction;
        var arcs = start.Routes.Where(r => r.Visits.Count > 0).Sum(r => r.Visits.Count + 1);
        var typicalArc = Math.Max(CompiledProblem.Epsilon, start.Travel / Math.Max(1, arcs));
        var startPrice = Math.Min(StartPricePerUnserved * typicalArc, objective.UnservedPenalty);
        var progress = 0.0;
        double SearchCost(Solution s) => objective.Cost(s, startPrice * Math.Pow(objective.UnservedPenalty / startPrice, progress));
        var current = start;
        var currentCost = SearchCost(current);
        var best = current;
        var bestCost = objective.Cost(current);
        clock.Report(phase, bestCost, now: true);
        var iterationsWithMoreUnserved = 0;
        var exchanged = 0;
        var polished = 0;
        while (!clock.Reached(untilFraction))
        {
            if (polished < PolishAt.Length && (clock.Fraction - from) / Math.Max(1e-9, untilFraction - from) >= PolishAt[polished])
            {
                polished++;
                var smoothed = polish.Run(best, clock);
                if (objective.Cost(smoothed) < bestCost)
                {
                    best = current = smoothed;
                    bestCost = objective.Cost(best);
                }
            }
            if (exchanged < ExchangeAt.Length && (clock.Fraction - from) / Math.Max(1e-9, untilFraction - from) >= ExchangeAt[exchanged])
            {
                exchanged++;
                shared.Offer(best);
                if (shared.BetterThan(best) is { } better)
                {
                    best = current = better;
                    bestCost = objective.Cost(best);
                }
            }
            iterationsWithMoreUnserved = current.Unassigned.Count > best.Unassigned.Count ? iterationsWithMoreUnserved + 1 : 0;
            if (iterationsWithMoreUnserved > PatienceWithMoreUnserved) current = best;
            var candidate = current.Branch();
            var leftOut = candidate.Unassigned.Count;
            ruin.Run(candidate);
            recreate.Run(candidate, leftOut);
            if (!candidate.Feasible) continue;
            progress = Math.Clamp((clock.Fraction - from) / Math.Max(1e-9, untilFraction - from), 0, 1);
            var temperature = typicalArc * startTemperature * Math.Pow(endTemperature / startTemperature, progress);
            currentCost = SearchCost(current);
            var cost = SearchCost(candidate);
            if (cost < currentCost - temperature * Math.Log(random.NextDouble()))
            {
                current = candidate;
                currentCost = cost;
                var trueCost = objective.Cost(candidate);
                if (trueCost < bestCost)
                {
                    best = candidate;
                    bestCost = trueCost;
                }
            }
            clock.Report(phase, bestCost);
        }
        return best;
    }
}
