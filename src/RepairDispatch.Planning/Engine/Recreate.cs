namespace RepairDispatch.Planning.Engine;

/// <summary>
/// SISR's recreate (Christiaens &amp; Vanden Berghe 2020): the removed visits, in one of a few random orders, each at its
/// cheapest feasible position, skipping each position with a small probability ("blinks") for diversity.
/// </summary>
internal sealed class Recreate(CompiledProblem p, Objective objective, Random random)
{
    private const double BlinkRate = 0.01;
    private const int RetriedPerStep = 10;
    private static readonly double LogKeep = Math.Log(1 - BlinkRate);
    private readonly List<int> _order = [];
    private readonly List<int> _kept = [];
    private readonly int[] _rank = new int[p.Visits.Count];
    private Comparison<int>? _byDemand, _byFar, _byNear;
    private int _blink;
    private Func<int>? _nextBlink;

    /// <summary>
    /// Inserts what it can of <see cref="Solution.Unassigned"/>; what fits nowhere stays there. The first
    /// <paramref name="leftOutBefore"/> of them were out before this step's ruin: only <see cref="RetriedPerStep"/> of
    /// those, drawn at random, are tried again, so that a day with more visits than room (where each try scans every
    /// route) is not dominated by visits that fit nowhere.
    /// </summary>
    public void Run(Solution s, int leftOutBefore = 0)
    {
        var kept = _kept;
        kept.Clear();
        if (leftOutBefore > RetriedPerStep)
        {
            for (var k = 0; k < leftOutBefore; k++)
            {
                var j = random.Next(k, leftOutBefore);
                (s.Unassigned[k], s.Unassigned[j]) = (s.Unassigned[j], s.Unassigned[k]);
            }
            kept.AddRange(s.Unassigned.GetRange(RetriedPerStep, leftOutBefore - RetriedPerStep));
            s.Unassigned.RemoveRange(RetriedPerStep, leftOutBefore - RetriedPerStep);
        }
        var pending = Order(s.Unassigned);
        s.Unassigned.Clear();
        s.Unassigned.AddRange(kept);
        _nextBlink ??= NextBlink;
        if (_blink <= 0) _blink = NextBlink();
        foreach (var visit in pending)
        {
            Route? bestRoute = null;
            var bestPosition = -1;
            var bestCost = double.MaxValue;
            foreach (var route in s.Routes)
            {
                if (!s.Usable[route.Vehicle] || !route.CanTake(visit)) continue;
                var position = route.CheapestPosition(visit, objective.BalanceIncrease(route), ref bestCost, ref _blink, _nextBlink);
                if (position < 0) continue;
                bestRoute = route;
                bestPosition = position;
            }
            if (bestRoute is null) s.Unassigned.Add(visit);
            else s.Own(bestRoute.Vehicle).Insert(visit, bestPosition);
        }
    }

    /// <summary>Positions until the next blink: geometric with the blink rate, one draw per blink rather than per position.</summary>
    private int NextBlink() => 1 + (int)Math.Min(int.MaxValue - 1, Math.Floor(Math.Log(1 - random.NextDouble()) / LogKeep));

    /// <summary>The visits shuffled, then (stably) sorted by one of SISR's orders: random, demand, far, near.</summary>
    private List<int> Order(List<int> visits)
    {
        var order = _order;
        order.Clear();
        order.AddRange(visits);
        for (var k = order.Count - 1; k > 0; k--)
        {
            var j = random.Next(k + 1);
            (order[k], order[j]) = (order[j], order[k]);
        }
        for (var k = 0; k < order.Count; k++) _rank[order[k]] = k;
        var how = random.Next(11);
        if (how >= 4) order.Sort(how switch { < 8 => _byDemand ??= ByDemand, < 10 => _byFar ??= ByFar, _ => _byNear ??= ByNear });
        return order;
    }

    // Most demand first, then the narrowest window; ties keep the shuffled order.
    private int ByDemand(int a, int b) => p.Demand[a] != p.Demand[b] ? p.Demand[b].CompareTo(p.Demand[a])
        : Width(a) != Width(b) ? Width(a).CompareTo(Width(b)) : _rank[a].CompareTo(_rank[b]);

    private int ByFar(int a, int b) => p.NearestStartCost[a] != p.NearestStartCost[b]
        ? p.NearestStartCost[b].CompareTo(p.NearestStartCost[a]) : _rank[a].CompareTo(_rank[b]);

    private int ByNear(int a, int b) => p.NearestStartCost[a] != p.NearestStartCost[b]
        ? p.NearestStartCost[a].CompareTo(p.NearestStartCost[b]) : _rank[a].CompareTo(_rank[b]);

    private double Width(int visit) => p.WindowEnd[visit] - p.WindowStart[visit];
}
