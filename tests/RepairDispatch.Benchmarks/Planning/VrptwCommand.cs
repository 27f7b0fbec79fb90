using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RepairDispatch.Planning;

namespace RepairDispatch.Benchmarks.Planning;

/// <summary>
/// `vrptw FILE --seconds N [--threads T] [--iterations I] [--seed S]`: solves a Solomon instance (T threads, 0 = every
/// core; I steps per search instead of the clock) and prints one JSON line (routes as customer numbers).
/// </summary>
public static class VrptwCommand
{
    public static int Run(string path, Options options)
    {
        var instance = SolomonInstance.Read(path);
        var seconds = options.Double("seconds", 10);
        var watch = Stopwatch.StartNew();
        var threads = options.Int("threads", 0);
        var result = DayPlanner.Solve(instance.ToProblem(), TimeSpan.FromSeconds(seconds), options: new PlanSearchOptions(threads,
            options.Int("seed", PlanSearchOptions.AllCores.Seed), options.Int("iterations", 0) is > 0 and var n ? n : null));
        watch.Stop();
        var routes = result.Routes.Where(r => r.Stops.Count > 0)
            .Select(r => r.Stops.Select(s => int.Parse(s.VisitId, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            instance = instance.Name,
            vehicles = routes.Length,
            distance = Math.Round(result.TotalTravel, 2),
            seconds = Math.Round(watch.Elapsed.TotalSeconds, 2),
            threads = threads > 0 ? threads : Environment.ProcessorCount,
            unserved = result.Unserved.Count,
            routes,
        }));
        return result.Unserved.Count == 0 ? 0 : 1;
    }
}
