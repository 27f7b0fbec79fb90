namespace RepairDispatch.Planning.Engine;

/// <summary>
/// A route per vehicle (empty when unused), the visits left out, and which vehicles may take visits. A
/// <see cref="Branch"/> shares its routes with the solution it came from until it changes one (<see cref="Own"/>), so a
/// search step copies only the routes it ruins or fills.
/// </summary>
internal sealed class Solution
{
    private readonly bool[] _owned;

    public Solution(Route[] routes, bool[] usable, List<int> unassigned)
        : this(routes, usable, unassigned, Enumerable.Repeat(true, routes.Length).ToArray())
    {
    }

    private Solution(Route[] routes, bool[] usable, List<int> unassigned, bool[] owned)
    {
        Routes = routes;
        Usable = usable;
        Unassigned = unassigned;
        _owned = owned;
    }

    public Route[] Routes { get; }
    public bool[] Usable { get; }
    public List<int> Unassigned { get; }
    public double Travel
    {
        get
        {
            var travel = 0.0;
            foreach (var route in Routes) travel += route.Travel;
            return travel;
        }
    }

    public int VehiclesUsed => Routes.Count(r => r.Visits.Count > 0);
    public bool Feasible => Array.TrueForAll(Routes, r => r.Feasible);

    public Solution Clone() => new(Routes.Select(r => r.Clone()).ToArray(), (bool[])Usable.Clone(), [.. Unassigned]);

    /// <summary>A copy that shares the routes; change a route only through <see cref="Own"/>.</summary>
    public Solution Branch() => new((Route[])Routes.Clone(), (bool[])Usable.Clone(), [.. Unassigned], new bool[Routes.Length]);

    /// <summary>The route at <paramref name="index"/>, copied first when it is shared with another solution.</summary>
    public Route Own(int index)
    {
        if (_owned[index]) return Routes[index];
        _owned[index] = true;
        return Routes[index] = Routes[index].Clone();
    }

    /// <summary>The route each visit is on, -1 for none.</summary>
    public int[] RouteOfVisits(int visitCount)
    {
        var routeOf = new int[visitCount];
        Array.Fill(routeOf, -1);
        for (var r = 0; r < Routes.Length; r++)
            foreach (var visit in Routes[r].Visits) routeOf[visit] = r;
        return routeOf;
    }
}
