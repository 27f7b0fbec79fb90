namespace RepairDispatch.Planning.Engine;

/// <summary>Turns routes into the public result, with each stop's times from the schedule simulation.</summary>
internal static class ResultBuilder
{
    public static PlanResult Build(CompiledProblem p, IReadOnlyList<PlanRoute> routes, IEnumerable<UnservedVisit> unserved) =>
        new(routes, unserved.ToList(), routes.Sum(r => r.Travel));

    /// <param name="prefix">Stops kept as they are ahead of the route (started stops), with their travel.</param>
    public static PlanRoute Route(CompiledProblem p, Route route, IReadOnlyList<PlanStop> prefix, double prefixTravel, double? prefixBreak)
    {
        var n = route.Visits.Count;
        var arrival = new double[n];
        var start = new double[n];
        if (!Schedule.TrySimulate(p, route.Vehicle, route.Origin, route.Visits.ToArray(), arrival, start, out var end, out var breakStart))
            throw new InvalidOperationException($"The route of {p.Vehicles[route.Vehicle].Id} is not feasible.");
        var stops = prefix.Concat(route.Visits.Select((visit, k) =>
            new PlanStop(p.Visits[visit].Id, arrival[k], start[k], start[k] + p.Service[visit]))).ToList();
        var taken = double.IsNaN(breakStart) ? prefixBreak : breakStart;
        return new PlanRoute(p.Vehicles[route.Vehicle].Id, stops, prefixTravel + route.Travel, route.Idle ? route.Origin.Time : end)
        {
            BreakStart = stops.Count > 0 ? taken : null,
        };
    }
}
