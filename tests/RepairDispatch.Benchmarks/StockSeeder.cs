using System.Diagnostics;
using System.Globalization;
using Dapper;

namespace RepairDispatch.Benchmarks;

/// <summary>
/// stock-seed: a stock ledger (V0017: stock_movements, stock_balances; docs/stock.md) on a database seeded by chain-seed:
/// --parts 200 parts and --movements 1,000,000 movements over the last two years. Half of them are at one location, the
/// first chain store (the busy one chain-run reads), spread over every part; the other half over every other store and
/// every technician's van. A location's movements of a part alternate +3 (Receipt) and −1 (IssueToJob), so no running
/// sum is ever negative; the balance rows are then the ledger's sums (the invariant of docs/stock.md). Set-based like
/// chain-seed, with the two tables' secondary indexes dropped during the fill and re-created from their own SQL.
/// </summary>
public static class StockSeeder
{
    private static readonly string[] Tables = ["parts", "stock_movements", "stock_balances"];

    public static async Task<int> RunAsync(Options options)
    {
        var path = options.Required("db");
        var parts = options.Int("parts", 200);
        var movements = options.Int("movements", 1_000_000);
        await using var c = await SeedTarget.OpenAsync(path);
        if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'stock_movements'") == 0)
            throw new ArgumentException("stock-seed: no stock_movements table: this build has no stock ledger (V0017).");
        if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM stores WHERE code LIKE 'CHAIN%'") == 0)
            throw new ArgumentException("stock-seed: no chain stores: run chain-seed first.");
        var target = await SeedTarget.FindAsync(c, "stock-seed");
        await c.ExecuteAsync("PRAGMA foreign_keys = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -524288;");

        var watch = Stopwatch.StartNew();
        await c.ExecuteAsync("""
            DROP TABLE IF EXISTS temp.bench_locations;
            CREATE TEMP TABLE bench_locations (n INTEGER PRIMARY KEY, id TEXT NOT NULL);
            INSERT INTO bench_locations (n, id)
            SELECT ROW_NUMBER() OVER (ORDER BY kind, code) - 1, id FROM (
                SELECT 0 AS kind, code, id FROM stores WHERE code LIKE 'CHAIN%'
                UNION ALL SELECT 1, t.code, t.id FROM technicians t JOIN stores s ON s.id = t.store_id WHERE s.code LIKE 'CHAIN%');
            """);
        var locations = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM temp.bench_locations");
        var now = DateTimeOffset.UtcNow;
        var p = new
        {
            Parts = parts, Half = movements / 2, Others = locations - 1, Now = now.ToUnixTimeSeconds(), NowText = Stored.Text(now),
            Step = Math.Max(1, 730L * 86400 / movements), Movements = movements, Actor = target.AdminId,
        };
        var dropped = await ChainSeeder.DropIndexesAndTriggersAsync(c, Tables);
        await ChainSeeder.StepAsync(c, "parts", parts, 1_000_000, PartsSql, p);
        await ChainSeeder.StepAsync(c, "stock_movements", movements, 500_000, MovementsSql, p);
        var balances = Stopwatch.StartNew();
        var balanceRows = await c.ExecuteAsync(BalancesSql, commandTimeout: 3600);
        Console.WriteLine($"  stock_balances     {balanceRows,12:N0} rows in {balances.Elapsed.TotalSeconds,6:0.0} s");
        foreach (var (_, _, sql) in dropped) await c.ExecuteAsync(sql, commandTimeout: 3600);
        await c.ExecuteAsync("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);", commandTimeout: 3600);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stock-seed: {parts} parts, {movements:N0} movements over {locations:N0} locations (half at the first chain store), {balanceRows:N0} balance rows, in {watch.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }

    private const string PartsSql = ChainSeeder.Counter + """
        INSERT INTO parts (id, part_number, name, category, manufacturer_id, main_part, cost_fen, retail_price_fen, created_at)
        SELECT printf('00000008-0000-7000-8000-%012x', i), printf('CHAIN-P%04d', i + 1), printf('Chain part %d', i + 1), NULL, NULL,
               CASE WHEN i % 10 = 0 THEN 1 ELSE 0 END, 1000 + i % 50 * 100, 2000 + i % 50 * 200, @NowText
        FROM n
        """;

    // Movement i: location 0 for the first half (part i % Parts, its n-th = i / Parts), then the others in turn.
    private const string MovementsSql = ChainSeeder.Counter + """
        INSERT INTO stock_movements (id, location_id, part_id, kind, qty, unit_cost_fen, work_order_id, actor_user_id, at)
        SELECT printf('00000009-0000-7000-8000-%012x', i), l.id, printf('00000008-0000-7000-8000-%012x', part),
               CASE WHEN nth % 2 = 0 THEN 'Receipt' ELSE 'IssueToJob' END, CASE WHEN nth % 2 = 0 THEN 3 ELSE -1 END,
               CASE WHEN nth % 2 = 0 THEN 1000 ELSE NULL END, NULL, @Actor,
               strftime('%Y-%m-%dT%H:%M:%S.0000000Z', @Now - (@Movements - i) * @Step, 'unixepoch')
        FROM (SELECT i,
                     CASE WHEN i < @Half THEN 0 ELSE 1 + (i - @Half) / @Parts % @Others END AS location,
                     (CASE WHEN i < @Half THEN i ELSE i - @Half END) % @Parts AS part,
                     CASE WHEN i < @Half THEN i / @Parts ELSE (i - @Half) / (@Parts * @Others) END AS nth
              FROM n) m
        JOIN temp.bench_locations l ON l.n = m.location
        """;

    private const string BalancesSql = """
        INSERT INTO stock_balances (location_id, part_id, on_hand, updated_at)
        SELECT location_id, part_id, SUM(qty), MAX(at) FROM stock_movements GROUP BY location_id, part_id
        """;
}
