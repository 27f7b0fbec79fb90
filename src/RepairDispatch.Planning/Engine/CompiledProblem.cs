namespace RepairDispatch.Planning.Engine;

/// <summary>
/// The problem in the arrays the search reads in its inner loops: dense travel over the nodes in use only, the visits'
/// fields, who may serve whom, and each visit's nearest visits (for the ruin step).
/// </summary>
internal sealed class CompiledProblem
{
    public const double Epsilon = 1e-6;
    private const int NeighbourListLength = 100;

    private readonly double[] _cost;
    private readonly double[] _time;
    private readonly int _nodeCount;
    private readonly bool[] _allowed;
    private readonly Lazy<int[][]> _neighbours;

    public CompiledProblem(PlanningProblem problem)
    {
        Problem = problem;
        var nodes = new Dictionary<int, int>();
        var original = new List<int>();
        int Compact(int node)
        {
            if (nodes.TryGetValue(node, out var index)) return index;
            nodes[node] = original.Count;
            original.Add(node);
            return original.Count - 1;
        }

        Vehicles = problem.Vehicles;
        Visits = problem.Visits;
        VisitNode = Visits.Select(v => Compact(v.Node)).ToArray();
        StartNode = Vehicles.Select(v => Compact(v.StartNode)).ToArray();
        EndNode = Vehicles.Select(v => Compact(v.EndNode)).ToArray();
        WindowStart = Visits.Select(v => v.WindowStart).ToArray();
        WindowEnd = Visits.Select(v => v.WindowEnd).ToArray();
        Service = Visits.Select(v => v.ServiceTime).ToArray();
        Demand = Visits.Select(v => v.Demand).ToArray();

        _nodeCount = original.Count;
        _cost = new double[_nodeCount * _nodeCount];
        _time = new double[_nodeCount * _nodeCount];
        for (var a = 0; a < _nodeCount; a++)
            for (var b = 0; b < _nodeCount; b++)
            {
                _cost[a * _nodeCount + b] = problem.Travel.Cost(original[a], original[b]);
                _time[a * _nodeCount + b] = problem.Travel.Time(original[a], original[b]);
            }

        _allowed = new bool[Visits.Count * Vehicles.Count];
        for (var i = 0; i < Visits.Count; i++)
            for (var v = 0; v < Vehicles.Count; v++)
                _allowed[i * Vehicles.Count + v] = Visits[i].RequiredSkills.IsSubsetOf(Vehicles[v].Skills)
                    && (Visits[i].PinnedVehicle is null || Visits[i].PinnedVehicle == Vehicles[v].Id);

        _neighbours = new Lazy<int[][]>(() => Enumerable.Range(0, Visits.Count)
            .Select(i => Enumerable.Range(0, Visits.Count).Where(j => j != i)
                .OrderBy(j => Cost(VisitNode[i], VisitNode[j])).Take(NeighbourListLength).ToArray())
            .ToArray());
        NearestStartCost = Enumerable.Range(0, Visits.Count)
            .Select(i => Vehicles.Count == 0 ? 0 : StartNode.Min(s => Cost(s, VisitNode[i])))
            .ToArray();
    }

    public PlanningProblem Problem { get; }
    public IReadOnlyList<PlanVehicle> Vehicles { get; }
    public IReadOnlyList<PlanVisit> Visits { get; }
    public int[] VisitNode { get; }
    public int[] StartNode { get; }
    public int[] EndNode { get; }
    public double[] WindowStart { get; }
    public double[] WindowEnd { get; }
    public double[] Service { get; }
    public int[] Demand { get; }
    /// <summary>Each visit's nearest visits, nearest first (computed on first use: a single insertion needs none).</summary>
    public int[][] Neighbours => _neighbours.Value;
    public double[] NearestStartCost { get; }

    /// <summary>The mean cost from a visit to its nearest visit: the scale of the load-balance price.</summary>
    public double TypicalArc => Visits.Count < 2 ? 1
        : Math.Max(Epsilon, Enumerable.Range(0, Visits.Count).Average(i => Cost(VisitNode[i], VisitNode[Neighbours[i][0]])));

    /// <summary>The dense cost matrix, row = from (for the insertion scan's inner loop).</summary>
    internal double[] CostMatrix => _cost;
    internal int NodeCount => _nodeCount;

    public double Cost(int from, int to) => _cost[from * _nodeCount + to];
    public double Time(int from, int to) => _time[from * _nodeCount + to];
    public bool Allowed(int visit, int vehicle) => _allowed[visit * Vehicles.Count + vehicle];
}
