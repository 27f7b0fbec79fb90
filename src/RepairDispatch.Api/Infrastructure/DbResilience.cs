using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Polly;
using Polly.Retry;
using Polly.Simmy;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>
/// The "db-write" pipeline: retries a whole unit of work (a transaction) a few times on transient database
/// faults — SQLite busy/locked, SQL Server deadlock victim or failover. Retrying is safe only because every
/// unit of work is one transaction that either fully happened or not at all. A lost-update conflict
/// (<see cref="ConcurrencyConflictException"/>, thrown before anything commits) is retried the same way: the work reads
/// fresh state and decides again (an If-Match that no longer matches then answers 412).
/// </summary>
public static class DbResilience
{
    /// <param name="chaosFaultRate">Tests only: the share of attempts that get a transient fault injected (Polly's chaos strategy).</param>
    public static ResiliencePipeline Create(Func<double> chaosFaultRate)
    {
        var builder = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<SqliteException>(e => e.SqliteErrorCode is 5 or 6)
                // Deadlock victim, and the transient errors of Microsoft's guidance; never -2 (a timeout): the write may
                // have committed, so only an Idempotency-Key or a conditional update makes trying again safe.
                .Handle<SqlException>(e => e.Number is 1205 or 40613 or 40197 or 40501 or 49918 or 49919 or 49920 or 4060 or 4221 or 233 or 64)
                .Handle<ConcurrencyConflictException>(),
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(50),
        });
        builder.AddChaosFault(new Polly.Simmy.Fault.ChaosFaultStrategyOptions
        {
            InjectionRateGenerator = _ => ValueTask.FromResult(chaosFaultRate()),
            FaultGenerator = new Polly.Simmy.Fault.FaultGenerator().AddException(() => new SqliteException("Chaos: database is locked (injected).", 5)),
        });
        return builder.Build();
    }
}
