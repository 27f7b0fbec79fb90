namespace RepairDispatch.Planning.Engine;

/// <summary>
/// Ruin and recreate under simulated annealing (SISR), cooling from a temperature on the scale of a typical arc to a
/// hundredth of it over the phase's share of the time. Keeps the vehicles the solution may use as they are.
/// </summary>
internal sealed class Annealing(Objective objective, Ruin ruin, Recreate recreate, Random random, double typicalArc)
{
    private const double StartTemperature = 2;
    private const double EndTemperature = 0.02;

    public Solution Run(Solution start, SearchClock clock, double untilFraction, string phase)
    {
        var from = clock.Fraction;
        var current = start;
        var currentCost = objective.Cost(current);
        var best = current;
        var bestCost = currentCost;
        clock.Report(phase, bestCost, now: true);
        while (!clock.Reached(untilFraction))
        {
            var candidate = current.Clone();
            ruin.Run(candidate);
            recreate.Run(candidate);
            if (!candidate.Feasible) continue;
            var cost = objective.Cost(candidate);
            var progress = Math.Clamp((clock.Fraction - from) / Math.Max(1e-9, untilFraction - from), 0, 1);
            var temperature = typicalArc * StartTemperature * Math.Pow(EndTemperature / StartTemperature, progress);
            if (cost < currentCost - temperature * Math.Log(random.NextDouble()))
            {
                current = candidate;
                currentCost = cost;
                if (cost < bestCost)
                {
                    best = candidate;
                    bestCost = cost;
                }
            }
            clock.Report(phase, bestCost);
        }
        return best;
    }
}
