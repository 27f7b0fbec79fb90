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
}
