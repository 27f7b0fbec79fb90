namespace RepairDispatch.Planning.Engine;

/// <summary>
/// What a solution costs: travel, plus a small convex price on each route's visit count (so that equal travel prefers
/// balanced days), plus a penalty per unserved visit large enough that serving one more always wins.
/// </summary>
internal sealed class Objective(double balanceWeight, double unservedPenalty)
{
    public double UnservedPenalty => unservedPenalty;

    /// <summary>The price per squared visit count of a route.</summary>
    public double BalanceWeight => balanceWeight;

    public static Objective For(CompiledProblem p)
    {
        var longestArc = p.VisitNode.Concat(p.StartNode)
            .SelectMany(a => p.VisitNode.Concat(p.EndNode).Select(b => p.Cost(a, b))).DefaultIfEmpty(0).Max();
        var balance = p.Problem.Objective == PlanObjective.ServeAllThenTravelThenBalance ? 0.01 * p.TypicalArc : 0;
        var visits = p.Visits.Count;
        return new Objective(balance, 10 * (2 * longestArc + balance * (2 * visits + 1)) + 1);
    }

    public double Cost(Solution s) => Cost(s, unservedPenalty);

    /// <summary>The cost with another price per unserved visit (the search may let visits out for a while).</summary>
    public double Cost(Solution s, double pricePerUnserved) =>
        s.Travel + balanceWeight * s.Routes.Sum(r => (double)r.Visits.Count * r.Visits.Count) + pricePerUnserved * s.Unassigned.Count;

    public double InsertionCost(Route route, int visit, int position) =>
        route.InsertionCost(visit, position) + BalanceIncrease(route);

    /// <summary>What one more visit adds to the route's balance price.</summary>
    public double BalanceIncrease(Route route) => balanceWeight * (2 * route.Visits.Count + 1);
}
