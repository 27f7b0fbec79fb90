namespace RepairDispatch.Planning.Engine;

/// <summary>The first solution: pinned visits at the head of their routes in the given order, then the rest by recreate.</summary>
internal static class Construction
{
    /// <param name="unserved">Receives the pinned visits that cannot be kept, with why.</param>
    public static Solution Build(CompiledProblem p, Recreate recreate, IEnumerable<int> servable, List<UnservedVisit> unserved)
    {
        var routes = Enumerable.Range(0, p.Vehicles.Count).Select(v => new Route(p, v, Servability.StartOf(p, v))).ToArray();
        var free = new List<int>();
        foreach (var visit in servable)
        {
            var pin = p.Visits[visit].PinnedVehicle;
            if (pin is null)
            {
                free.Add(visit);
                continue;
            }
            var route = routes.First(r => p.Vehicles[r.Vehicle].Id == pin);
            if (route.CanTake(visit) && route.CanInsert(visit, route.Visits.Count))
            {
                route.Insert(visit, route.Visits.Count);
                route.Fixed++;
            }
            else unserved.Add(new UnservedVisit(p.Visits[visit].Id, Servability.PinnedOutOfReach(p.Visits[visit])));
        }
        var solution = new Solution(routes, Enumerable.Repeat(true, routes.Length).ToArray(), free);
        recreate.Run(solution);
        return solution;
    }
}
