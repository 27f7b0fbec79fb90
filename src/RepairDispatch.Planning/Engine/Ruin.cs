namespace RepairDispatch.Planning.Engine;

/// <summary>
/// SISR's ruin: strings (runs of consecutive visits) removed from a few routes that lie near a random seed visit,
/// sometimes keeping a short run inside the string ("split string"). Pinned visits are never removed.
/// </summary>
internal sealed class Ruin(CompiledProblem p, Random random)
{
    private const double AverageRemoved = 10;
    private const int LongestString = 10;
    private const double SplitRate = 0.5;
    private const double KeepMoreRate = 0.5;
    private readonly int[] _routeOf = new int[p.Visits.Count];
    private readonly List<int> _ruined = [];

    /// <summary>Removes visits from the routes into <see cref="Solution.Unassigned"/>.</summary>
    public void Run(Solution s)
    {
        Array.Fill(_routeOf, -1);
        int movable = 0, usedRoutes = 0;
        for (var r = 0; r < s.Routes.Length; r++)
        {
            var route = s.Routes[r];
            if (route.Movable == 0) continue;
            movable += route.Movable;
            usedRoutes++;
            for (var k = route.Fixed; k < route.Visits.Count; k++) _routeOf[route.Visits[k]] = r;
        }
        if (movable == 0) return;
        var stringLimit = Math.Min(LongestString, (double)movable / usedRoutes);
        var routeLimit = 4 * AverageRemoved / (1 + stringLimit) - 1;
        var routesToRuin = (int)Math.Floor(1 + random.NextDouble() * routeLimit);

        var seed = SeedVisit(s, random.Next(movable));
        _ruined.Clear();
        var neighbours = p.Neighbours[seed];
        for (var k = -1; k < neighbours.Length && _ruined.Count < routesToRuin; k++)
        {
            var visit = k < 0 ? seed : neighbours[k];
            var r = _routeOf[visit];
            if (r < 0 || _ruined.Contains(r)) continue;
            var route = s.Own(r);
            var position = route.Visits.IndexOf(visit);
            var length = (int)Math.Floor(1 + random.NextDouble() * Math.Min(route.Movable, stringLimit));
            RemoveString(s, route, position, length);
            _ruined.Add(r);
        }
    }

    /// <summary>The index-th movable visit, counting route by route.</summary>
    private static int SeedVisit(Solution s, int index)
    {
        foreach (var route in s.Routes)
        {
            if (index < route.Movable) return route.Visits[route.Fixed + index];
            index -= route.Movable;
        }
        throw new InvalidOperationException("No movable visit.");
    }

    private void RemoveString(Solution s, Route route, int position, int length)
    {
        var kept = 0;
        if (length < route.Movable && random.NextDouble() < SplitRate)
        {
            kept = 1;
            while (length + kept < route.Movable && random.NextDouble() < KeepMoreRate) kept++;
        }
        var span = length + kept;
        var first = random.Next(Math.Max(route.Fixed, position - span + 1), Math.Min(position, route.Visits.Count - span) + 1);
        var keptFrom = first + random.Next(length + 1);
        for (var k = first + span - 1; k >= first; k--)
        {
            if (k >= keptFrom && k < keptFrom + kept) continue;
            s.Unassigned.Add(route.Visits[k]);
            route.Visits.RemoveAt(k);
        }
        route.Refresh();
    }
}
