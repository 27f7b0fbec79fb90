using System.Collections.Concurrent;
using System.Data.Common;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>What <see cref="Db.InTransactionAsync{T}"/> does with a handler's answer: a refusal rolls everything back.</summary>
public static class Refusal
{
    /// <summary>A 4xx/5xx answer, also inside a wrapper (`Results&lt;…&gt;`, an ETag or Retry-After around a problem).</summary>
    public static bool Is(object? result) => result switch
    {
        CommitAndRefuse => false,
        IStatusCodeHttpResult { StatusCode: >= 400 } => true,
        INestedHttpResult nested => Is(nested.Result),
        _ => false,
    };
}

/// <summary>
/// The one kind of refusal that keeps what its transaction wrote: the record of a failed attempt (a wrong password counts
/// towards the lockout; a reused refresh token revokes its family). Every other refusal rolls back, so this says so by name.
/// </summary>
public sealed class CommitAndRefuse(IResult problem) : IResult
{
    public Task ExecuteAsync(HttpContext http) => problem.ExecuteAsync(http);
}

/// <summary>Thrown inside <see cref="Db.InTransactionAsync{T}"/> to refuse from deep inside a unit of work: everything written so far is rolled back and the problem is the answer.</summary>
public sealed class RefusedException(IResult problem) : Exception("The unit of work was refused.")
{
    public IResult Problem { get; } = problem;
}

/// <summary>
/// A versioned write found the row changed since it was read (a lost update prevented). The unit of work rolls back and
/// runs again from fresh state (<see cref="DbResilience"/>); if the row keeps changing, the answer is 409.
/// </summary>
public sealed class ConcurrencyConflictException(string table, Guid id) : Exception($"{table} {id} changed since it was read.");

/// <summary>
/// A test seam for lost-update races. SQLite serialises writers (BEGIN IMMEDIATE), so no concurrent change can land between
/// a unit of work's read and its versioned write; a test installs a hook for its own database that makes one land (it
/// changes the row inside the transaction). Nothing is installed outside tests: the cost is a look-up in an empty dictionary.
/// </summary>
public static class WriteRaces
{
    public delegate Task Hook(DbConnection c, DbTransaction tx, string table, Guid id);

    private static readonly ConcurrentDictionary<string, Hook> Hooks = new();

    /// <summary>Runs <paramref name="hook"/> before every versioned write to the database of <paramref name="connectionString"/> until disposed.</summary>
    public static IDisposable Install(string connectionString, Hook hook)
    {
        if (!Hooks.TryAdd(connectionString, hook)) throw new InvalidOperationException("A write race is already installed for this database.");
        return new Removal(connectionString);
    }

    public static Task BeforeVersionedWriteAsync(DbConnection c, DbTransaction tx, string table, Guid id) =>
        !Hooks.IsEmpty && Hooks.TryGetValue(c.ConnectionString, out var hook) ? hook(c, tx, table, id) : Task.CompletedTask;

    private sealed class Removal(string connectionString) : IDisposable
    {
        public void Dispose() => Hooks.TryRemove(connectionString, out _);
    }
}
