using System.Diagnostics;
using System.Text.Json;
using RepairDispatch.Planning;
using RepairDispatch.Tests.Planning;

namespace RepairDispatch.Benchmarks.Planning;

/// <summary>
/// `dayplan --technicians 40 --visits 400 --seed S --seconds N [--threads T] [--day requested|booked]`: a generated city
/// day (<see cref="CityDay"/>: every request; <see cref="BookedDay"/>: the requests the desk could book) planned by the
/// greedy baseline and by <see cref="DayPlanner"/>; prints a small table, then one JSON line. Every plan is checked by
/// the tests' independent validator, and <see cref="RoomCheck"/> counts the unserved visits it could still have served.
/// Exit code 0 when no plan violates a hard constraint.
/// </summary>
public static class DayPlanCommand
{
    public static int Run(Options options)
    {
        var seed = options.Int("seed", 1);
        var requested = CityDay.Generate(options.Int("technicians", 40), options.Int("visits", 400), seed);
        var day = options.Optional("day") ?? "requested";
        var (problem, booking) = day switch
        {
            "requested" => (requested, null),
            "booked" => BookedDay.Book(requested, seed),
            _ => throw new ArgumentException("--day is requested or booked."),
        };
        var greedy = Measure(problem, () => GreedyBaseline.Plan(problem));
        var threads = options.Int("threads", 0);
        var optimised = Measure(problem, () => DayPlanner.Solve(problem, TimeSpan.FromSeconds(options.Double("seconds", 30)),
            options: new PlanSearchOptions(threads)));
        var travelGain = 100 * (1 - optimised.Travel / greedy.Travel);
        var perVisitGain = 100 * (1 - optimised.TravelPerServed / greedy.TravelPerServed);

        Console.WriteLine($"{"plan",-10} {"served",6} {"unserved",8} {"no-room",7} {"fits",6} {"travel km",10} {"km/visit",8} {"violations",10} {"seconds",7}");
        var bookingMeasures = booking is null ? null : Measure(problem, () => booking);
        foreach (var (name, m) in new[] { ("booking", bookingMeasures), ("greedy", greedy), ("optimised", optimised) }.Where(p => p.Item2 is not null))
            Console.WriteLine($"{name,-10} {m!.Served,6} {m.Unserved,8} {m.NoRoom,7} {m.FitsButUnserved,6} {m.Travel,10:0.0} {m.TravelPerServed,8:0.00} {m.Violations,10} {m.Seconds,7:0.0}");
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            day,
            technicians = problem.Vehicles.Count,
            requested = requested.Visits.Count,
            visits = problem.Visits.Count,
            served_at_most = ServedBound(problem),
            seed,
            seconds = options.Double("seconds", 30),
            threads = threads > 0 ? threads : Environment.ProcessorCount,
            booking = bookingMeasures,
            greedy,
            optimised,
            travel_improvement_pct = Math.Round(travelGain, 1),
            travel_per_served_improvement_pct = Math.Round(perVisitGain, 1),
        }, SnakeCase));
        return greedy.Violations + optimised.Violations + (bookingMeasures?.Violations ?? 0) == 0 ? 0 : 1;
    }

    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static PlanMeasures Measure(PlanningProblem problem, Func<PlanResult> plan)
    {
        var watch = Stopwatch.StartNew();
        var result = plan();
        var seconds = Math.Round(watch.Elapsed.TotalSeconds, 1);
        var served = result.Routes.Sum(r => r.Stops.Count);
        return new PlanMeasures(served, result.Unserved.Count, result.Unserved.Count(u => u.Reason.StartsWith("no room", StringComparison.Ordinal)),
            RoomCheck.UnservedThatFit(problem, result).Count, Math.Round(result.TotalTravel, 1),
            Math.Round(result.TotalTravel / Math.Max(1, served), 2), PlanValidator.Violations(problem, result).Count, seconds);
    }

    /// <summary>
    /// An upper bound on the visits any plan can serve: each served visit takes its service time and at least the
    /// shortest drive into it, all within the technicians' shifts less their breaks (windows and skills left aside), and
    /// no more visits than the technicians' capacities add up to.
    /// </summary>
    private static int ServedBound(PlanningProblem problem)
    {
        var nodes = problem.Visits.Select(v => v.Node).Concat(problem.Vehicles.Select(v => v.StartNode)).Distinct().ToList();
        var least = problem.Visits.Select(v => v.ServiceTime + nodes.Where(n => n != v.Node).Min(n => problem.Travel.Time(n, v.Node)))
            .Order().ToList();
        var minutes = problem.Vehicles.Sum(v => v.ShiftEnd - v.ShiftStart - (v.Break?.Duration ?? 0));
        var count = 0;
        for (var used = 0.0; count < least.Count && used + least[count] <= minutes; count++) used += least[count];
        return Math.Min(count, problem.Vehicles.Sum(v => v.Capacity));
    }

    /// <param name="FitsButUnserved">Unserved visits a technician could still take in this plan (<see cref="RoomCheck"/>).</param>
    private sealed record PlanMeasures(int Served, int Unserved, int NoRoom, int FitsButUnserved, double Travel, double TravelPerServed,
        int Violations, double Seconds);
}
