using System.Diagnostics;
using System.Text.Json;
using RepairDispatch.Planning;
using RepairDispatch.Tests.Planning;

namespace RepairDispatch.Benchmarks.Planning;

/// <summary>
/// `dayplan --technicians 40 --visits 400 --seed S --seconds N [--threads T]`: a generated city day (<see cref="CityDay"/>) planned by
/// the greedy baseline and by <see cref="DayPlanner"/>; prints a small table, then one JSON line. Both plans are checked
/// by the tests' independent validator. Exit code 0 when neither plan violates a hard constraint.
/// </summary>
public static class DayPlanCommand
{
    public static int Run(Options options)
    {
        var problem = CityDay.Generate(options.Int("technicians", 40), options.Int("visits", 400), options.Int("seed", 1));
        var greedy = Measure(problem, () => GreedyBaseline.Plan(problem));
        var threads = options.Int("threads", 0);
        var optimised = Measure(problem, () => DayPlanner.Solve(problem, TimeSpan.FromSeconds(options.Double("seconds", 30)),
            options: new PlanSearchOptions(threads)));
        var travelGain = 100 * (1 - optimised.Travel / greedy.Travel);
        var perVisitGain = 100 * (1 - optimised.TravelPerServed / greedy.TravelPerServed);

        Console.WriteLine($"{"plan",-10} {"served",6} {"unserved",8} {"no-room",7} {"travel km",10} {"km/visit",8} {"violations",10} {"seconds",7}");
        foreach (var (name, m) in new[] { ("greedy", greedy), ("optimised", optimised) })
            Console.WriteLine($"{name,-10} {m.Served,6} {m.Unserved,8} {m.NoRoom,7} {m.Travel,10:0.0} {m.TravelPerServed,8:0.00} {m.Violations,10} {m.Seconds,7:0.0}");
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            technicians = problem.Vehicles.Count,
            visits = problem.Visits.Count,
            seed = options.Int("seed", 1),
            seconds = options.Double("seconds", 30),
            threads = threads > 0 ? threads : Environment.ProcessorCount,
            greedy,
            optimised,
            travel_improvement_pct = Math.Round(travelGain, 1),
            travel_per_served_improvement_pct = Math.Round(perVisitGain, 1),
        }, SnakeCase));
        return greedy.Violations + optimised.Violations == 0 ? 0 : 1;
    }

    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static PlanMeasures Measure(PlanningProblem problem, Func<PlanResult> plan)
    {
        var watch = Stopwatch.StartNew();
        var result = plan();
        var served = result.Routes.Sum(r => r.Stops.Count);
        return new PlanMeasures(served, result.Unserved.Count, result.Unserved.Count(u => u.Reason.StartsWith("no room", StringComparison.Ordinal)),
            Math.Round(result.TotalTravel, 1), Math.Round(result.TotalTravel / Math.Max(1, served), 2),
            PlanValidator.Violations(problem, result).Count, Math.Round(watch.Elapsed.TotalSeconds, 1));
    }

    private sealed record PlanMeasures(int Served, int Unserved, int NoRoom, double Travel, double TravelPerServed, int Violations, double Seconds);
}
