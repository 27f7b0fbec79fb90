namespace RepairDispatch.Planning.Engine;

/// <summary>
/// The best plan the parallel searches have found so far, ranked by visits left out, then (for
/// <see cref="PlanObjective.VehiclesThenDistance"/>) vehicles, then the objective's cost. A search offers its best and
/// takes a copy of a better one; what is stored is a copy no search changes.
/// </summary>
internal sealed class SharedBest(Objective objective, bool vehiclesFirst)
{
    private readonly Lock _gate = new();
    private Solution? _best;
    private int _fewestVehiclesServingAll = int.MaxValue;

    /// <summary>The fewest vehicles of a plan that serves every servable visit (a cheap check for the fleet minimiser).</summary>
    public int FewestVehiclesServingAll => Volatile.Read(ref _fewestVehiclesServingAll);

    public Solution? Best
    {
        get { lock (_gate) return _best; }
    }

    public void Offer(Solution s)
    {
        lock (_gate)
        {
            if (_best is not null && Compare(s, _best) >= 0) return;
            _best = s.Clone();
            if (s.Unassigned.Count == 0) Volatile.Write(ref _fewestVehiclesServingAll, Math.Min(_fewestVehiclesServingAll, s.VehiclesUsed));
        }
    }

    /// <summary>A copy of the shared best when it is better than <paramref name="s"/>, else null.</summary>
    public Solution? BetterThan(Solution s)
    {
        lock (_gate) return _best is not null && Compare(_best, s) < 0 ? _best.Clone() : null;
    }

    public int Compare(Solution a, Solution b)
    {
        var byUnserved = a.Unassigned.Count.CompareTo(b.Unassigned.Count);
        if (byUnserved != 0) return byUnserved;
        if (vehiclesFirst && a.VehiclesUsed != b.VehiclesUsed) return a.VehiclesUsed.CompareTo(b.VehiclesUsed);
        return objective.Cost(a).CompareTo(objective.Cost(b));
    }
}
