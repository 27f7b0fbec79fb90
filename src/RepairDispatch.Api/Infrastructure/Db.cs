using System.Data.Common;
using Microsoft.Data.SqlClient;
using Dapper;
using Microsoft.Data.Sqlite;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>
/// The dialect seam: opens connections for the configured provider and picks the SQL text where the two
/// databases differ. Everything else (shared SQL, Dapper calls) is the same on both.
/// </summary>
public sealed class Db : IDisposable
{
    public Db(DatabaseProvider provider, string connectionString, double chaosFaultRate = 0)
    {
        ChaosFaultRate = chaosFaultRate;
        _retry = DbResilience.Create(() => ChaosFaultRate);
        Provider = provider;
        ConnectionString = provider == DatabaseProvider.Sqlite ? Sqlite(connectionString) : connectionString;
        _prepared = new PreparedReads(ConnectionString);
    }

    /// <summary>
    /// One row by id for the hottest reads. SQLite compiles a statement on every execution, so there the
    /// statement stays prepared on a few dedicated connections; SQL Server caches plans itself.
    /// </summary>
    public async Task<T?> QueryByIdAsync<T>(string sql, Guid id)
    {
        if (IsSqlite) return _prepared.QueryById<T>(sql, id);
        await using var c = await OpenAsync();
        return await c.QuerySingleOrDefaultAsync<T>(sql, new { Id = id });
    }

    private readonly Polly.ResiliencePipeline _retry;
    private readonly SemaphoreSlim _sqliteWriter = new(1, 1);
    private readonly PreparedReads _prepared;

    public DatabaseProvider Provider { get; }

    /// <summary>Fault injection for resilience tests (`RepairDispatch:Database:ChaosFaultRate`); 0 in every real deployment.</summary>
    public double ChaosFaultRate { get; set; }
    public string ConnectionString { get; }
    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;

    public void Dispose() => _prepared.Dispose();

    public string Sql(DialectSql sql) => IsSqlite ? sql.Sqlite : sql.SqlServer;

    /// <summary>
    /// The one way to pass ids to a query: `WHERE x IN @Ids` with this list (Dapper expands it on both databases; lists here
    /// are a page or a request, far below SQL Server's 2100 parameters). Dapper expands lists without the type handlers, so
    /// on SQLite the ids must already be the stored text (as an IEnumerable, or Dapper will not expand it).
    /// </summary>
    public static System.Collections.IEnumerable IdList(DbConnection c, IEnumerable<Guid> ids) =>
        c is SqliteConnection ? ids.Select(id => id.ToString()).ToArray() : ids.ToArray();

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        DbConnection connection = IsSqlite ? new SqliteConnection(ConnectionString) : new SqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction (one unit of work); commits only when it returns normally with an
    /// answer that is not a refusal (<see cref="Refusal.Is"/>): a returned problem rolls back, like a thrown
    /// <see cref="RefusedException"/>, unless it says <see cref="CommitAndRefuse"/>. A versioned write that finds its row
    /// changed (<see cref="ConcurrencyConflictException"/>) runs the whole work again from fresh state. The first
    /// transaction of a request sent with an Idempotency-Key also stores the key (<see cref="IdempotencyScope"/>).
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct = default)
    {
        if (!IsSqlite) return await RunTransactionAsync(work, ct);
        // SQLite has one writer. Microsoft.Data.Sqlite waits for a busy lock by sleeping 150 ms at a time, so this
        // process queues its own writers in memory instead; the retry still covers other processes.
        await _sqliteWriter.WaitAsync(ct);
        try
        {
            return await RunTransactionAsync(work, ct);
        }
        finally
        {
            _sqliteWriter.Release();
        }
    }

    /// <summary>
    /// Reads in one transaction that sees one consistent state: on SQLite a deferred transaction (a WAL snapshot, no
    /// write lock, no wait for writers); on SQL Server a plain read-committed one.
    /// </summary>
    public async Task<T> InReadTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work)
    {
        await using var connection = await OpenAsync();
        await using var tx = connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: true) : await connection.BeginTransactionAsync();
        var result = await work(connection, tx);
        await tx.CommitAsync();
        return result;
    }

    private async Task<T> RunTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct)
    {
        try
        {
            return await RunWithRetryAsync(work, ct);
        }
        catch (RefusedException refused) when (refused.Problem is T answer)
        {
            return answer;
        }
    }

    private async Task<T> RunWithRetryAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct)
    {
        return await _retry.ExecuteAsync(async token =>
        {
            await using var connection = await OpenAsync(token);
            if (connection is SqliteConnection sqlite) WaitInSqliteForOtherProcesses(sqlite);
            // SQLite: BEGIN IMMEDIATE takes the write lock up front, so read-then-write inside cannot race.
            await using var tx = await connection.BeginTransactionAsync(token);
            var idempotency = IdempotencyScope.Current is { Claimed: false } scope ? scope : null;
            if (idempotency is not null) await idempotency.BeginAsync(connection, tx);
            var result = await work(connection, tx);
            if (Refusal.Is(result))
            {
                // A refusal leaves nothing behind, not even the key's claim (the middleware keeps the answer for a retry).
                await tx.RollbackAsync(token);
                return result;
            }
            if (idempotency is not null) await idempotency.BeforeCommitAsync(connection, tx);
            try
            {
                await tx.CommitAsync(token);
            }
            catch (DbException e) when (idempotency is null)
            {
                // The commit may have happened: trying the work again could do it twice. With an Idempotency-Key the
                // retry is safe (a committed first attempt holds the key, and the retry is answered from it).
                throw new OutcomeUnknownException(e);
            }
            idempotency?.Committed();
            return result;
        }, ct);
    }

    /// <summary>
    /// Another process writing (a second node on the same file, a backup) makes BEGIN IMMEDIATE busy. SQLite's own busy
    /// handler retries within milliseconds; without it Microsoft.Data.Sqlite sleeps 150 ms per try.
    /// </summary>
    private static void WaitInSqliteForOtherProcesses(SqliteConnection connection) =>
        SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, 10_000); // a field set on the handle: no statement to prepare

    private static string Sqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            ForeignKeys = true,
            DefaultTimeout = 30,
            Pooling = true,
        };
        var dir = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        return builder.ToString();
    }
}

/// <summary>A commit failed in a way that leaves its outcome unknown; it is not retried (the error handler answers 503).</summary>
public sealed class OutcomeUnknownException(Exception inner) : Exception("The outcome of the transaction is unknown.", inner);
