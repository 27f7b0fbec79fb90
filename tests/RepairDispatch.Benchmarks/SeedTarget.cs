using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace RepairDispatch.Benchmarks;

/// <summary>
/// The database a seeder fills: migrated and bootstrapped (the service started on it once, so the default store and
/// the admin user exist).
/// </summary>
public sealed record SeedTarget(string StoreId, TimeZoneInfo Zone, string AdminId)
{
    public static async Task<SqliteConnection> OpenAsync(string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"No database at {path}: run the service's `migrate` command first.");
        var c = new SqliteConnection(Options.ConnectionString(path));
        await c.OpenAsync();
        return c;
    }

    /// <summary>For a seeder that needs an empty database: any work order already there refuses it.</summary>
    public static async Task<SeedTarget> FreshAsync(SqliteConnection c, string command)
    {
        if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM work_orders") > 0)
            throw new ArgumentException($"{command}: the database already holds work orders; seed a fresh one.");
        return await FindAsync(c, command);
    }

    public static async Task<SeedTarget> FindAsync(SqliteConnection c, string command)
    {
        var store = await c.QuerySingleOrDefaultAsync<(string Id, string TimeZone)?>("SELECT id, time_zone FROM stores ORDER BY created_at LIMIT 1");
        var admin = await c.QuerySingleOrDefaultAsync<string>("SELECT id FROM users WHERE username = 'admin'");
        if (store is null || admin is null)
            throw new ArgumentException($"{command}: no store or no admin user: start the service once on this database first (it bootstraps them).");
        // One big transaction: a large page cache keeps it from spilling pages to the WAL before the commit.
        await c.ExecuteAsync("PRAGMA cache_size = -262144");
        return new SeedTarget(store.Value.Id, TimeZoneInfo.FindSystemTimeZoneById(store.Value.TimeZone), admin);
    }

    public DateOnly LocalDay(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);

    public DateTimeOffset Utc(DateTime local) => new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
}

/// <summary>Ids and times the way the service stores them: GUID v7 text, UTC ISO-8601 text with 7 decimals.</summary>
public static class Stored
{
    public static string Id(DateTimeOffset at) => Guid.CreateVersion7(at).ToString();

    public static string? Text(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
