namespace RepairDispatch.Planning.Engine;

/// <summary>A route per vehicle (empty when unused), the visits left out, and which vehicles may take visits.</summary>
internal sealed class Solution
{
    public Solution(Route[] routes, bool[] usable, List<int> unassigned)
    {
        Routes = routes;
        Usable = usable;
        Unassigned = unassigned;
    }

    public Route[] Routes { get; }
    public bool[] Usable { get; }
    public List<int> Unassigned { get; }
    public double Travel => Routes.Sum(r => r.Travel);
    public int VehiclesUsed => Routes.Count(r => r.Visits.Count > 0);
    public bool Feasible => Routes.All(r => r.Feasible);

    public Solution Clone() => new(Routes.Select(r => r.Clone()).ToArray(), (bool[])Usable.Clone(), [.. Unassigned]);

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
