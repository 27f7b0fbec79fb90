namespace RepairDispatch.Planning.Engine;

/// <summary>
/// A descent over the search's final plan: put in visits left out that now fit, move one visit into another route
/// (relocate) and swap the tails of two routes (2-opt*). A move is judged first by its cost change and the routes' O(1) bounds (earliest departure,
/// latest arrival, prefix loads), then confirmed on new copies of the routes (skills, breaks, shift ends) and kept
/// only when the plan's cost falls. The annealing ends on ruin-and-recreate steps of about ten visits, which seldom
/// try these single moves; at short budgets they still find some.
/// </summary>
internal sealed class Polish(CompiledProblem p, Objective objective)
{
    private const int MostRounds = 20;
    private const double Gain = 1e-7;

    public Solution Run(Solution start, SearchClock clock)
    {
        var s = start.Clone();
        for (var round = 0; round < MostRounds && !clock.Cancelled; round++)
        {
            var improved = InsertLeftOut(s);
            improved |= Relocate(s);
            improved |= TailSwaps(s);
            if (!improved) break;
        }
        return s;
    }

    /// <summary>
    /// Each visit left out at its cheapest place that keeps the route feasible, when it now has one. On a day with more
    /// work than room a plan can have room for some: a relocate or a tail swap frees time in a route (30 visits on a
    /// 200-visit day after five steps), and the annealing retries only a few of the visits it left out a step (14 at 1 s
    /// on a 400-visit day).
    /// </summary>
    private bool InsertLeftOut(Solution s)
    {
        var inserted = false;
        var places = new List<(double Cost, int Route, int Position)>();
        for (var k = s.Unassigned.Count - 1; k >= 0; k--)
        {
            var visit = s.Unassigned[k];
            places.Clear();
            for (var b = 0; b < s.Routes.Length; b++)
            {
                var to = s.Routes[b];
                if (!s.Usable[to.Vehicle] || !to.CanTake(visit)) continue;
                var extra = objective.BalanceIncrease(to);
                for (var position = to.Fixed; position <= to.Visits.Count; position++)
                    if (to.CanInsert(visit, position)) places.Add((to.InsertionCost(visit, position) + extra, b, position));
            }
            places.Sort();
            foreach (var (_, b, position) in places)
            {
                var changed = s.Routes[b].WithVisitAt(visit, position);
                if (!changed.Feasible) continue;
                s.Routes[b] = changed;
                s.Unassigned.RemoveAt(k);
                inserted = true;
                break;
            }
        }
        return inserted;
    }

    private bool Relocate(Solution s)
    {
        var improved = false;
        for (var a = 0; a < s.Routes.Length; a++)
        {
            for (var i = s.Routes[a].Fixed; i < s.Routes[a].Visits.Count; i++)
            {
                var from = s.Routes[a];
                var visit = from.Visits[i];
                var nodes = from.Nodes;
                var node = p.VisitNode[visit];
                var removed = from.Visits.Count == 1 && !from.Origin.MidRoute ? from.Travel
                    : p.Cost(nodes[i], node) + p.Cost(node, nodes[i + 2]) - p.Cost(nodes[i], nodes[i + 2]);
                removed += objective.BalanceWeight * (2 * from.Visits.Count - 1);
                var (bestRoute, bestPosition, bestCost) = (-1, -1, removed - Gain);
                for (var b = 0; b < s.Routes.Length; b++)
                {
                    var to = s.Routes[b];
                    if (b == a || !s.Usable[to.Vehicle] || !to.CanTake(visit)) continue;
                    var extra = objective.BalanceIncrease(to);
                    for (var position = to.Fixed; position <= to.Visits.Count; position++)
                    {
                        var added = to.InsertionCost(visit, position) + extra;
                        if (added < bestCost && to.CanInsert(visit, position)) (bestRoute, bestPosition, bestCost) = (b, position, added);
                    }
                }
                if (bestRoute < 0) continue;
                var source = from.With(from.Visits.Where((_, k) => k != i));
                var changed = s.Routes[bestRoute].WithVisitAt(visit, bestPosition);
                if (Keep(s, a, source, bestRoute, changed))
                {
                    improved = true;
                    i--;
                }
            }
        }
        return improved;
    }

    private bool TailSwaps(Solution s)
    {
        var improved = false;
        for (var a = 0; a < s.Routes.Length; a++)
            for (var b = a + 1; b < s.Routes.Length; b++)
            {
                if (!s.Usable[s.Routes[a].Vehicle] || !s.Usable[s.Routes[b].Vehicle]) continue;
                if (s.Routes[a].Movable == 0 && s.Routes[b].Movable == 0) continue;
                while (SwapOnce(s, a, b)) improved = true;
            }
        return improved;
    }

    /// <summary>The best improving tail swap between routes a and b, applied; false when there is none.</summary>
    private bool SwapOnce(Solution s, int a, int b)
    {
        var ra = s.Routes[a];
        var rb = s.Routes[b];
        var (travelA, loadA) = Prefixes(ra);
        var (travelB, loadB) = Prefixes(rb);
        var na = ra.Visits.Count;
        var nb = rb.Visits.Count;
        var nodesA = ra.Nodes;
        var nodesB = rb.Nodes;
        var w = objective.BalanceWeight;
        var (bestI, bestJ, bestDelta) = (-1, -1, -Gain);
        for (var i = ra.Fixed; i <= na; i++)
            for (var j = rb.Fixed; j <= nb; j++)
            {
                if (i == na && j == nb) continue;
                if (loadA[i] + loadB[nb] - loadB[j] > ra.Capacity || loadB[j] + loadA[na] - loadA[i] > rb.Capacity) continue;
                var delta = Joined(ra, travelA, nodesA, i, rb, travelB, nodesB, j) + Joined(rb, travelB, nodesB, j, ra, travelA, nodesA, i)
                    - ra.Travel - rb.Travel;
                if (w > 0)
                {
                    var (newA, newB) = (i + nb - j, j + na - i);
                    delta += w * ((double)newA * newA + (double)newB * newB - (double)na * na - (double)nb * nb);
                }
                if (delta >= bestDelta) continue;
                if (j < nb && ra.EarliestDeparture(i) + p.Time(nodesA[i], nodesB[j + 1]) > rb.LatestArrival(j) + CompiledProblem.Epsilon) continue;
                if (i < na && rb.EarliestDeparture(j) + p.Time(nodesB[j], nodesA[i + 1]) > ra.LatestArrival(i) + CompiledProblem.Epsilon) continue;
                (bestI, bestJ, bestDelta) = (i, j, delta);
            }
        if (bestI < 0) return false;
        var newRa = ra.With(ra.Visits.Take(bestI).Concat(rb.Visits.Skip(bestJ)));
        var newRb = rb.With(rb.Visits.Take(bestJ).Concat(ra.Visits.Skip(bestI)));
        return Keep(s, a, newRa, b, newRb);
    }

    /// <summary>The travel of route x's first i visits followed by route y's visits from j on, ending at x's end.</summary>
    private double Joined(Route x, double[] travelX, ReadOnlySpan<int> nodesX, int i, Route y, double[] travelY, ReadOnlySpan<int> nodesY, int j)
    {
        var ny = y.Visits.Count;
        if (i == 0 && j == ny && !x.Origin.MidRoute) return 0;
        var end = nodesX[x.Visits.Count + 1];
        if (j == ny) return travelX[i] + p.Cost(nodesX[i], end);
        return travelX[i] + p.Cost(nodesX[i], nodesY[j + 1]) + travelY[ny] - travelY[j + 1] + p.Cost(nodesY[ny], end);
    }

    /// <summary>Travel from the origin to each node (index k: the node before position k) and the load of the first k visits.</summary>
    private (double[] Travel, int[] Load) Prefixes(Route r)
    {
        var n = r.Visits.Count;
        var nodes = r.Nodes;
        var travel = new double[n + 2];
        var load = new int[n + 1];
        load[0] = r.Origin.LoadBefore;
        for (var k = 0; k < n; k++)
        {
            travel[k + 1] = travel[k] + p.Cost(nodes[k], nodes[k + 1]);
            load[k + 1] = load[k] + p.Demand[r.Visits[k]];
        }
        return (travel, load);
    }

    /// <summary>Puts the two new routes in when both are feasible, every visit may ride with its vehicle, and the cost falls.</summary>
    private bool Keep(Solution s, int a, Route newA, int b, Route newB)
    {
        if (!newA.Feasible || !newB.Feasible) return false;
        foreach (var visit in newA.Visits) if (!p.Allowed(visit, newA.Vehicle)) return false;
        foreach (var visit in newB.Visits) if (!p.Allowed(visit, newB.Vehicle)) return false;
        var w = objective.BalanceWeight;
        double Price(Route r) => r.Travel + w * r.Visits.Count * r.Visits.Count;
        if (Price(newA) + Price(newB) >= Price(s.Routes[a]) + Price(s.Routes[b]) - Gain) return false;
        s.Routes[a] = newA;
        s.Routes[b] = newB;
        return true;
    }
}
