using Dapper;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Tests.Infrastructure;

/// <summary>
/// Makes another writer's change land between a unit of work's read and its versioned write (<see cref="WriteRaces"/>):
/// the row's version moves on, as if someone saved it meanwhile. The change lands on the first <c>times</c> writes;
/// it is rolled back with the attempt it raced, so an attempt run again from fresh state can succeed.
/// </summary>
public sealed class Race : IDisposable
{
    private readonly IDisposable _installed;
    private int _landed;
    private int _writes;

    private Race(ApiFactory api, int times) => _installed = WriteRaces.Install(api.Db.ConnectionString, async (c, tx, table, id) =>
    {
        Interlocked.Increment(ref _writes);
        if (Interlocked.Increment(ref _landed) > times) return;
        await c.ExecuteAsync($"UPDATE {table} SET version = version + 1 WHERE id = @Id", new { Id = id }, tx);
    });

    /// <summary>One concurrent change, on the first versioned write.</summary>
    public static Race Once(ApiFactory api) => new(api, 1);

    /// <summary>A concurrent change before every versioned write: the row never stays still.</summary>
    public static Race Always(ApiFactory api) => new(api, int.MaxValue);

    /// <summary>How many versioned writes were attempted (a conflict makes the unit of work try again).</summary>
    public int Writes => _writes;

    public void Dispose() => _installed.Dispose();
}
