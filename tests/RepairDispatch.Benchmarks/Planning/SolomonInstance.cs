using System.Globalization;
using RepairDispatch.Planning;

namespace RepairDispatch.Benchmarks.Planning;

/// <summary>One Solomon customer row; customer 0 is the depot.</summary>
public sealed record SolomonCustomer(int Id, double X, double Y, int Demand, double Ready, double Due, double Service);

/// <summary>
/// A Solomon VRPTW instance in its standard text format: the name line, VEHICLE NUMBER CAPACITY, then the CUSTOMER table
/// (CUST NO., XCOORD., YCOORD., DEMAND, READY TIME, DUE DATE, SERVICE TIME).
/// </summary>
public sealed record SolomonInstance(string Name, int VehicleCount, int Capacity, IReadOnlyList<SolomonCustomer> Customers)
{
    public static SolomonInstance Read(string path) => Parse(File.ReadAllLines(path));

    public static SolomonInstance Parse(IReadOnlyList<string> lines)
    {
        var rows = lines.Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToList();
        var name = rows.First(r => r.Length > 0)[0];
        var vehicleRow = rows.FindIndex(r => r.Length >= 2 && r[0] == "NUMBER") + 1;
        if (vehicleRow == 0) throw new FormatException("No VEHICLE NUMBER CAPACITY header.");
        var customers = rows.Skip(rows.FindIndex(r => r.Length > 0 && r[0] == "CUST") + 1)
            .Where(r => r.Length == 7)
            .Select(r => r.Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .Select(v => new SolomonCustomer((int)v[0], v[1], v[2], (int)v[3], v[4], v[5], v[6]))
            .ToList();
        if (customers.Count < 2 || customers[0].Id != 0) throw new FormatException("The customer table must start with the depot, 0.");
        return new SolomonInstance(name, int.Parse(rows[vehicleRow][0], CultureInfo.InvariantCulture),
            int.Parse(rows[vehicleRow][1], CultureInfo.InvariantCulture), customers);
    }

    /// <summary>Vehicles at the depot for its whole horizon, visits as the customers, Euclidean travel (time = distance).</summary>
    public PlanningProblem ToProblem()
    {
        var depot = Customers[0];
        var noSkills = new HashSet<string>();
        var vehicles = Enumerable.Range(1, VehicleCount)
            .Select(k => new PlanVehicle($"v{k}", 0, 0, depot.Ready, depot.Due, Capacity, noSkills)).ToList();
        var visits = Customers.Skip(1)
            .Select((c, k) => new PlanVisit(c.Id.ToString(CultureInfo.InvariantCulture), k + 1, c.Ready, c.Due, c.Service, c.Demand, noSkills))
            .ToList();
        return new PlanningProblem(vehicles, visits, new EuclideanMatrix(Customers.Select(c => (c.X, c.Y)).ToArray()),
            PlanObjective.VehiclesThenDistance);
    }
}

/// <summary>Straight-line distances in double precision; travel time equals distance.</summary>
public sealed class EuclideanMatrix((double X, double Y)[] points) : ITravelMatrix
{
    public int NodeCount => points.Length;
    public double Cost(int from, int to) => Math.Sqrt(Math.Pow(points[from].X - points[to].X, 2) + Math.Pow(points[from].Y - points[to].Y, 2));
    public double Time(int from, int to) => Cost(from, to);
}
