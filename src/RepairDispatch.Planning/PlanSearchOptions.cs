namespace RepairDispatch.Planning;

/// <summary>How the search runs: on how many threads, from which seed, and whether a count of iterations stands in for the clock.</summary>
/// <param name="Threads">Parallel searches sharing the best plan; 0 = every core the process may use.</param>
/// <param name="Seed">The first search's seed; search k uses Seed + k.</param>
/// <param name="Iterations">When set, the budget is this many ruin-and-recreate steps per search instead of the time limit
/// (the time limit still stops it). With one thread the result is then the same on every run: the tests' mode.</param>
public sealed record PlanSearchOptions(int Threads = 0, int Seed = 20240611, long? Iterations = null)
{
    public static PlanSearchOptions AllCores { get; } = new();

    /// <summary>One thread, a fixed seed and an iteration budget: the same plan on every run.</summary>
    public static PlanSearchOptions Deterministic(long iterations, int seed = 20240611) => new(1, seed, iterations);

    internal int ThreadCount => Threads > 0 ? Threads : Math.Max(1, Environment.ProcessorCount);
}
