namespace RepairDispatch.Planning.Engine;

/// <summary>
/// One vehicle's visits in order. The first <see cref="Fixed"/> visits are pinned and never move. Keeps, ignoring the
/// break, each position's earliest departure and latest arrival, so that most insertions are judged in O(1); with a
/// break, an insertion those bounds allow is confirmed by simulating the whole route (a break only delays).
/// </summary>
internal sealed class Route
{
    private readonly CompiledProblem _p;
    private double[] _earliestDeparture = [];
    private double[] _latestArrival = [];
    private int[] _scratch = [];
    private int[] _nodes = [];

    public Route(CompiledProblem p, int vehicle, RouteOrigin origin)
    {
        _p = p;
        Vehicle = vehicle;
        Origin = origin;
        Capacity = p.Vehicles[vehicle].Capacity;
        HasBreak = p.Vehicles[vehicle].Break is not null && !origin.BreakTaken;
        Refresh();
    }

    private Route(Route other)
    {
        _p = other._p;
        Vehicle = other.Vehicle;
        Origin = other.Origin;
        Capacity = other.Capacity;
        HasBreak = other.HasBreak;
        Visits.AddRange(other.Visits);
        Fixed = other.Fixed;
        Load = other.Load;
        Travel = other.Travel;
        Feasible = other.Feasible;
        _earliestDeparture = (double[])other._earliestDeparture.Clone();
        _latestArrival = (double[])other._latestArrival.Clone();
        _nodes = (int[])other._nodes.Clone();
    }

    public int Vehicle { get; }
    public RouteOrigin Origin { get; }
    public List<int> Visits { get; } = [];
    public int Fixed { get; set; }
    public int Load { get; private set; }
    public double Travel { get; private set; }
    public bool Feasible { get; private set; }
    public int Movable => Visits.Count - Fixed;
    public bool Idle => Visits.Count == 0 && !Origin.MidRoute;
    private int EndNode => _p.EndNode[Vehicle];
    public int Capacity { get; }
    /// <summary>The vehicle still has a break to take: an insertion the bounds allow is then simulated.</summary>
    public bool HasBreak { get; }

    public Route Clone() => new(this);

    /// <summary>A copy of the route with other visits (the pinned ones kept ahead).</summary>
    public Route With(IEnumerable<int> visits)
    {
        var route = new Route(_p, Vehicle, Origin) { Fixed = Fixed };
        route.Visits.AddRange(visits);
        route.Refresh();
        return route;
    }

    /// <summary>A copy of the route with the visit before position.</summary>
    public Route WithVisitAt(int visit, int position) => With(Visits.Take(position).Append(visit).Concat(Visits.Skip(position)));

    /// <summary>The route's nodes: its origin, its visits' nodes, its end.</summary>
    public ReadOnlySpan<int> Nodes => _nodes.AsSpan(0, Visits.Count + 2);

    /// <summary>The earliest departure from the place before position (ignoring the break).</summary>
    public double EarliestDeparture(int position) => _earliestDeparture[position];

    /// <summary>The latest arrival at position that keeps the rest of the route feasible (ignoring the break).</summary>
    public double LatestArrival(int position) => _latestArrival[position];

    public int NodeBefore(int position) => position == 0 ? Origin.Node : _p.VisitNode[Visits[position - 1]];
    public int NodeAt(int position) => position == Visits.Count ? EndNode : _p.VisitNode[Visits[position]];

    /// <summary>Travel added by putting the visit before position (Visits.Count = last).</summary>
    public double InsertionCost(int visit, int position)
    {
        var node = _p.VisitNode[visit];
        if (Idle)
            return _p.Cost(Origin.Node, node) + _p.Cost(node, EndNode);
        var before = NodeBefore(position);
        var after = NodeAt(position);
        return _p.Cost(before, node) + _p.Cost(node, after) - _p.Cost(before, after);
    }

    /// <summary>
    /// The cheapest feasible position for the visit if it costs less than <paramref name="bestCost"/> (which it then
    /// lowers), else -1: the insertion scan of recreate, reading the cost matrix directly. A position is skipped when
    /// <paramref name="blink"/> counts down to zero (it is then drawn again).
    /// </summary>
    public int CheapestPosition(int visit, double extra, ref double bestCost, ref int blink, Func<int> nextBlink)
    {
        var node = _p.VisitNode[visit];
        var cost = _p.CostMatrix;
        var size = _p.NodeCount;
        var from = node * size;
        var best = -1;
        if (Idle)
        {
            var alone = cost[_nodes[0] * size + node] + cost[from + _nodes[1]] + extra;
            if (alone < bestCost && CanInsert(visit, 0))
            {
                bestCost = alone;
                best = 0;
            }
            return best;
        }
        var n = Visits.Count;
        for (var position = Fixed; position <= n; position++)
        {
            if (--blink <= 0)
            {
                blink = nextBlink();
                continue;
            }
            var before = _nodes[position] * size;
            var after = _nodes[position + 1];
            var added = cost[before + node] + cost[from + after] - cost[before + after] + extra;
            if (added < bestCost && CanInsert(visit, position))
            {
                bestCost = added;
                best = position;
            }
        }
        return best;
    }

    public bool CanTake(int visit) => Load + _p.Demand[visit] <= Capacity && _p.Allowed(visit, Vehicle);

    /// <summary>Whether the route stays feasible with the visit before position; skills and load are checked by <see cref="CanTake"/>.</summary>
    public bool CanInsert(int visit, int position)
    {
        var node = _p.VisitNode[visit];
        var arrive = _earliestDeparture[position] + _p.Time(NodeBefore(position), node);
        var begin = Math.Max(arrive, _p.WindowStart[visit]);
        if (begin > _p.WindowEnd[visit] + CompiledProblem.Epsilon) return false;
        var next = begin + _p.Service[visit] + _p.Time(node, NodeAt(position));
        if (next > _latestArrival[position] + CompiledProblem.Epsilon) return false;
        return !HasBreak || SimulateWith(visit, position);
    }

    public void Insert(int visit, int position)
    {
        Visits.Insert(position, visit);
        Refresh();
    }

    /// <summary>Recomputes load, travel, feasibility and the insertion bounds after the visits changed.</summary>
    public void Refresh()
    {
        var n = Visits.Count;
        Load = Origin.LoadBefore;
        foreach (var visit in Visits) Load += _p.Demand[visit];
        if (_nodes.Length < n + 2) _nodes = new int[n + 10];
        _nodes[0] = Origin.Node;
        for (var k = 0; k < n; k++) _nodes[k + 1] = _p.VisitNode[Visits[k]];
        _nodes[n + 1] = EndNode;
        Travel = 0;
        if (!Idle)
            for (var k = 0; k <= n; k++) Travel += _p.Cost(_nodes[k], _nodes[k + 1]);

        if (_earliestDeparture.Length < n + 1)
        {
            _earliestDeparture = new double[n + 8];
            _latestArrival = new double[n + 8];
        }
        _earliestDeparture[0] = Origin.Time;
        var feasible = Load <= Capacity;
        for (var k = 0; k < n; k++)
        {
            var visit = Visits[k];
            var begin = Math.Max(_earliestDeparture[k] + _p.Time(NodeBefore(k), _p.VisitNode[visit]), _p.WindowStart[visit]);
            feasible &= begin <= _p.WindowEnd[visit] + CompiledProblem.Epsilon;
            _earliestDeparture[k + 1] = begin + _p.Service[visit];
        }
        _latestArrival[n] = _p.Vehicles[Vehicle].ShiftEnd;
        for (var k = n - 1; k >= 0; k--)
        {
            var visit = Visits[k];
            var latestStart = Math.Min(_p.WindowEnd[visit],
                _latestArrival[k + 1] - _p.Time(_p.VisitNode[visit], NodeAt(k + 1)) - _p.Service[visit]);
            _latestArrival[k] = latestStart;
        }
        if (!Idle) feasible &= _earliestDeparture[n] + _p.Time(NodeBefore(n), EndNode) <= _latestArrival[n] + CompiledProblem.Epsilon;
        Feasible = feasible && (!HasBreak || SimulateWith(-1, 0));
    }

    /// <summary>Simulates the route, with the visit inserted before position when visit ≥ 0.</summary>
    private bool SimulateWith(int visit, int position)
    {
        var n = Visits.Count + (visit >= 0 ? 1 : 0);
        if (_scratch.Length < n) _scratch = new int[n + 8];
        var sequence = _scratch.AsSpan(0, n);
        if (visit < 0) Visits.CopyTo(sequence);
        else
        {
            Visits.CopyTo(0, _scratch, 0, position);
            sequence[position] = visit;
            Visits.CopyTo(position, _scratch, position + 1, Visits.Count - position);
        }
        Span<double> times = n <= 128 ? stackalloc double[2 * n] : new double[2 * n];
        return Schedule.TrySimulate(_p, Vehicle, Origin, sequence, times[..n], times[n..], out _, out _);
    }
}
