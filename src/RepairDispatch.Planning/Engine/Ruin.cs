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

    /// <summary>Removes visits from the routes into <see cref="Solution.Unassigned"/>.</summary>
    public void Run(Solution s)
    {
        var routeOf = s.RouteOfVisits(p.Visits.Count);
        var seeds = s.Routes.Where(r => r.Movable > 0).SelectMany(r => r.Visits.Skip(r.Fixed)).ToList();
        if (seeds.Count == 0) return;
        var usedRoutes = s.Routes.Where(r => r.Movable > 0).ToList();
        var stringLimit = Math.Min(LongestString, usedRoutes.Average(r => (double)r.Movable));
        var routeLimit = 4 * AverageRemoved / (1 + stringLimit) - 1;
        var routesToRuin = (int)Math.Floor(1 + random.NextDouble() * routeLimit);

        var seed = seeds[random.Next(seeds.Count)];
        var ruined = new HashSet<int>();
        foreach (var visit in p.Neighbours[seed].Prepend(seed))
        {
            if (ruined.Count >= routesToRuin) break;
            var r = routeOf[visit];
            if (r < 0 || ruined.Contains(r)) continue;
            var position = s.Routes[r].Visits.IndexOf(visit);
            if (position < s.Routes[r].Fixed) continue;
            var route = s.Own(r);
            var length = (int)Math.Floor(1 + random.NextDouble() * Math.Min(route.Movable, stringLimit));
            RemoveString(s, route, position, length);
            foreach (var removed in s.Unassigned) routeOf[removed] = -1;
            ruined.Add(r);
        }
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
