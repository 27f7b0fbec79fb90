namespace RepairDispatch.Planning.Engine;

/// <summary>
/// SISR's recreate (Christiaens &amp; Vanden Berghe 2020): the removed visits, in one of a few random orders, each at its
/// cheapest feasible position, skipping each position with a small probability ("blinks") for diversity.
/// </summary>
internal sealed class Recreate(CompiledProblem p, Objective objective, Random random)
{
    private const double BlinkRate = 0.01;

    /// <summary>Inserts what it can of <see cref="Solution.Unassigned"/>; what fits nowhere stays there.</summary>
    public void Run(Solution s)
    {
        var pending = Order(s.Unassigned);
        s.Unassigned.Clear();
        foreach (var visit in pending)
        {
            Route? bestRoute = null;
            var bestPosition = -1;
            var bestCost = double.MaxValue;
            foreach (var route in s.Routes)
            {
                if (!s.Usable[route.Vehicle] || !route.CanTake(visit)) continue;
                for (var position = route.Fixed; position <= route.Visits.Count; position++)
                {
                    if (random.NextDouble() < BlinkRate) continue;
                    var cost = objective.InsertionCost(route, visit, position);
                    if (cost < bestCost && route.CanInsert(visit, position))
                    {
                        bestRoute = route;
                        bestPosition = position;
                        bestCost = cost;
                    }
                }
            }
            if (bestRoute is null) s.Unassigned.Add(visit);
            else bestRoute.Insert(visit, bestPosition);
        }
    }

    private List<int> Order(List<int> visits)
    {
        var shuffled = visits.OrderBy(_ => random.Next()).ToList();
        return random.Next(11) switch
        {
            < 4 => shuffled,
            < 8 => shuffled.OrderByDescending(v => p.Demand[v]).ThenBy(v => p.WindowEnd[v] - p.WindowStart[v]).ToList(),
            < 10 => shuffled.OrderByDescending(v => p.NearestStartCost[v]).ToList(),
            _ => shuffled.OrderBy(v => p.NearestStartCost[v]).ToList(),
        };
    }
}
