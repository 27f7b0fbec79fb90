using System.Globalization;
using RepairDispatch.Benchmarks.Planning;
using RepairDispatch.Planning;

namespace RepairDispatch.Tests.Planning;

/// <summary>The shipped copy of C101 (bench/solomon, linked into the output's Planning/data).</summary>
public class SolomonTests
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "Planning", "data");

    [Fact]
    public void Reads_the_standard_format()
    {
        var instance = SolomonInstance.Read(Path.Combine(Data, "C101.txt"));

        instance.Name.Should().Be("C101");
        (instance.VehicleCount, instance.Capacity).Should().Be((25, 200));
        instance.Customers.Should().HaveCount(101);
        instance.Customers[0].Should().Be(new SolomonCustomer(0, 40, 50, 0, 0, 1236, 0));
        instance.Customers[5].Should().Be(new SolomonCustomer(5, 42, 65, 10, 15, 67, 90));
    }

    [Fact]
    public void Solves_C101_with_the_best_known_vehicles_and_within_one_percent_of_its_distance()
    {
        var instance = SolomonInstance.Read(Path.Combine(Data, "C101.txt"));
        var best = File.ReadLines(Path.Combine(Data, "best_known.tsv")).Select(l => l.Split('\t')).Single(f => f[0] == "C101");
        var problem = instance.ToProblem();

        var plan = DayPlanner.Solve(problem, TimeSpan.FromSeconds(60), options: PlanSearchOptions.Deterministic(iterations: 20_000));

        PlanValidator.Violations(problem, plan).Should().BeEmpty();
        plan.Unserved.Should().BeEmpty();
        plan.VehiclesUsed.Should().Be(int.Parse(best[1], CultureInfo.InvariantCulture));
        plan.TotalTravel.Should().BeLessThanOrEqualTo(1.01 * double.Parse(best[2], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_short_search_ends_where_no_customer_move_or_tail_swap_between_routes_saves_travel()
    {
        var instance = SolomonInstance.Read(Path.Combine(Data, "C101.txt"));
        var problem = instance.ToProblem();

        var plan = DayPlanner.Solve(problem, TimeSpan.FromSeconds(60), options: PlanSearchOptions.Deterministic(iterations: 300));

        PlanValidator.Violations(problem, plan).Should().BeEmpty();
        var routes = plan.Routes.Where(r => r.Stops.Count > 0)
            .Select(r => r.Stops.Select(s => int.Parse(s.VisitId, CultureInfo.InvariantCulture)).ToList()).ToList();
        var better = new List<string>();
        for (var a = 0; a < routes.Count; a++)
            for (var b = 0; b < routes.Count; b++)
            {
                if (a == b) continue;
                var (ra, rb) = (routes[a], routes[b]);
                var before = Travel(instance, ra) + Travel(instance, rb);
                for (var i = 0; i < ra.Count; i++)
                    for (var j = 0; j <= rb.Count; j++)
                    {
                        var moved = rb.Take(j).Append(ra[i]).Concat(rb.Skip(j)).ToList();
                        var left = ra.Where((_, k) => k != i).ToList();
                        if (Saves(instance, before, left, moved)) better.Add($"move {ra[i]} to route {b} at {j}");
                    }
                for (var i = 0; a < b && i <= ra.Count; i++)
                    for (var j = 0; j <= rb.Count; j++)
                        if (Saves(instance, before, [.. ra.Take(i), .. rb.Skip(j)], [.. rb.Take(j), .. ra.Skip(i)]))
                            better.Add($"swap the tails of routes {a} at {i} and {b} at {j}");
            }
        better.Should().BeEmpty();
    }

    private static bool Saves(SolomonInstance instance, double before, List<int> x, List<int> y) =>
        Feasible(instance, x) && Feasible(instance, y) && Travel(instance, x) + Travel(instance, y) < before - 1e-6;

    private static double Distance(SolomonInstance instance, int a, int b) =>
        Math.Sqrt(Math.Pow(instance.Customers[a].X - instance.Customers[b].X, 2) + Math.Pow(instance.Customers[a].Y - instance.Customers[b].Y, 2));

    private static double Travel(SolomonInstance instance, List<int> route) => route.Count == 0 ? 0
        : route.Prepend(0).Zip(route.Append(0), (a, b) => Distance(instance, a, b)).Sum();

    private static bool Feasible(SolomonInstance instance, List<int> route)
    {
        var (time, at, load) = (instance.Customers[0].Ready, 0, 0);
        foreach (var customer in route)
        {
            var c = instance.Customers[customer];
            time = Math.Max(time + Distance(instance, at, customer), c.Ready);
            if (time > c.Due + 1e-9) return false;
            (time, at, load) = (time + c.Service, customer, load + c.Demand);
        }
        return load <= instance.Capacity && time + Distance(instance, at, 0) <= instance.Customers[0].Due + 1e-9;
    }
}
