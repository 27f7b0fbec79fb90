using Dapper;
using Microsoft.Data.Sqlite;

namespace RepairDispatch.Benchmarks;

/// <summary>
/// `kill-check --db PATH --acked FILE [--final true]`, for bench/killtest.sh (no sqlite3 needed): prints how many work
/// orders the client saw acknowledged are missing from the database; with --final, also the integrity checks —
/// `PRAGMA integrity_check`, foreign keys, every order with its Created event, no store number used twice.
/// Exit 0 when nothing is lost (and, with --final, every check is clean), 1 otherwise.
/// </summary>
public static class KillCheck
{
    /// <summary>How many of <paramref name="ids"/> the count query (`… WHERE id IN @Ids …`) does not find, 500 ids at a time.</summary>
    public static async Task<long> MissingAsync(SqliteConnection c, IReadOnlyCollection<string> ids, string countSql)
    {
        long found = 0;
        foreach (var chunk in ids.Chunk(500)) found += await c.ExecuteScalarAsync<long>(countSql, new { Ids = chunk });
        return ids.Count - found;
    }

    public static async Task<int> RunAsync(Options options)
    {
        var acked = File.ReadLines(options.Required("acked")).Where(l => l.Length > 0).Distinct().ToList();
        await using var c = new SqliteConnection(Options.ConnectionString(options.Required("db")) + ";Mode=ReadOnly");
        await c.OpenAsync();
        var lost = await MissingAsync(c, acked, "SELECT COUNT(*) FROM work_orders WHERE id IN @Ids");
        Console.WriteLine($"acknowledged: {acked.Count}, lost: {lost}");
        if (options.Optional("final") != "true") return lost == 0 ? 0 : 1;

        var integrity = string.Join("; ", await c.QueryAsync<string>("PRAGMA integrity_check"));
        var foreignKeys = (await c.QueryAsync("PRAGMA foreign_key_check")).Count();
        var noEvent = await c.ExecuteScalarAsync<long>("""
            SELECT COUNT(*) FROM work_orders w
            WHERE NOT EXISTS (SELECT 1 FROM work_order_events e WHERE e.work_order_id = w.id AND e.kind = 'Created')
            """);
        var duplicates = await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM (SELECT store_id, number FROM work_orders GROUP BY store_id, number HAVING COUNT(*) > 1)");
        Console.WriteLine($"integrity_check: {integrity}; foreign-key violations: {foreignKeys}; orders without their Created event: {noEvent}; duplicate numbers: {duplicates}");
        return lost == 0 && integrity == "ok" && foreignKeys == 0 && noEvent == 0 && duplicates == 0 ? 0 : 1;
    }
}
