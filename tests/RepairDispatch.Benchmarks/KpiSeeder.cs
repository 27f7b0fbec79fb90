using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace RepairDispatch.Benchmarks;

/// <summary>
/// kpi-seed: on a chain made by chain-seed (bench/kpis.sh), writes one kpi_order_facts row per work order in one
/// INSERT … SELECT, as the drain would have: the order's store, technician, the appliance's manufacturer and category,
/// its store-local (Asia/Shanghai) created and completed days; the measures vary with the row number (the chain's orders
/// carry no events, charges or callbacks to work them out from): minutes to assign 5–244, on site 60–1,459, complete
/// 120–4,119, a second visit every 9th, a rework every 23rd, satisfaction on a third, a complaint every 97th, revenue by
/// payer and type, a claim on warranty orders (1 in 10 not at first pass), old parts on a fifth of those. Every store-day
/// of those rows is queued in kpi_store_days_backfill; kpi-run has the service build their tallies before it measures.
/// </summary>
public static class KpiSeeder
{
    private const string FactsSql = """
        INSERT INTO kpi_order_facts (work_order_id, store_id, technician_id, manufacturer_id, category, type, created_day, completed_day,
            assign_minutes, on_site_minutes, complete_minutes, assign_met, on_site_met, complete_met, second_visit, reworked, satisfaction,
            complaints, service_minutes, shift_minutes, installation_management_fen, manufacturer_repair_fen, manufacturer_installation_fen,
            customer_repair_fen, parts_fen, callback_fen, claim_first_pass, old_parts_on_time, old_parts_late, old_parts_open, old_parts_open_due)
        SELECT wo.id, wo.store_id, wo.technician_id, a.manufacturer_id, a.category, wo.type,
            date(wo.created_at, '+8 hours'), CASE WHEN done THEN date(wo.completed_at, '+8 hours') END,
            CASE WHEN wo.assigned_at IS NOT NULL THEN 5 + wo.rowid % 240 END,
            CASE WHEN wo.on_site_at IS NOT NULL THEN 60 + wo.rowid % 1400 END,
            CASE WHEN done THEN 120 + wo.rowid * 7 % 4000 END,
            CASE WHEN wo.assigned_at IS NOT NULL THEN wo.rowid % 240 < 230 END,
            CASE WHEN wo.on_site_at IS NOT NULL THEN wo.rowid % 1400 < 1380 END,
            CASE WHEN done THEN 120 + wo.rowid * 7 % 4000 <= 4320 END,
            done AND wo.rowid % 9 = 0, done AND wo.rowid % 23 = 0,
            CASE WHEN done AND wo.rowid % 3 = 0 THEN 3 + wo.rowid / 3 % 3 END,
            CASE WHEN wo.rowid % 97 = 0 THEN 1 ELSE 0 END,
            CASE WHEN done THEN 20 + wo.rowid % 100 ELSE 0 END, 570,
            0,
            CASE WHEN done AND wo.payer = 'Manufacturer' AND wo.type = 'Repair' THEN 8050 ELSE 0 END,
            CASE WHEN done AND wo.payer = 'Manufacturer' AND wo.type = 'Installation' THEN 12000 ELSE 0 END,
            CASE WHEN done AND wo.payer = 'Customer' THEN 7000 + wo.rowid % 4 * 4000 ELSE 0 END,
            CASE WHEN done AND wo.rowid % 4 = 0 THEN 9500 ELSE 0 END,
            0,
            CASE WHEN done AND wo.in_warranty = 1 THEN wo.rowid % 10 <> 0 END,
            CASE WHEN done AND wo.in_warranty = 1 AND wo.rowid % 5 = 0 AND wo.rowid % 50 <> 0 THEN 1 ELSE 0 END,
            CASE WHEN done AND wo.in_warranty = 1 AND wo.rowid % 50 = 0 THEN 1 ELSE 0 END,
            0, NULL
        FROM (SELECT *, rowid, completed_at IS NOT NULL AS done FROM work_orders) wo JOIN appliances a ON a.id = wo.appliance_id
        WHERE wo.rowid > @From AND wo.rowid <= @To
        """;

    public static async Task<int> RunAsync(Options options)
    {
        var path = options.Required("db");
        var chunk = options.Int("chunk", 1_000_000);
        await using var c = new SqliteConnection(Options.ConnectionString(path));
        await c.OpenAsync();
        await c.ExecuteAsync("PRAGMA foreign_keys = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -1048576;");
        var total = Stopwatch.StartNew();
        await c.ExecuteAsync("DELETE FROM kpi_order_facts; DELETE FROM kpi_dirty;");
        var dropped = await ChainSeeder.DropIndexesAndTriggersAsync(c, ["kpi_order_facts"]);
        var max = await c.ExecuteScalarAsync<long>("SELECT MAX(rowid) FROM work_orders");
        long rows = 0;
        for (long from = 0; from < max; from += chunk)
        {
            await using var tx = await c.BeginTransactionAsync();
            rows += await c.ExecuteAsync(FactsSql, new { From = from, To = from + chunk }, tx, commandTimeout: 3600);
            await tx.CommitAsync();
            Console.WriteLine($"  kpi_order_facts {rows,12:N0} rows after {total.Elapsed.TotalSeconds,6:0.0} s");
        }
        foreach (var (_, name, sql) in dropped)
        {
            var one = Stopwatch.StartNew();
            await c.ExecuteAsync(sql, commandTimeout: 3600);
            Console.WriteLine($"  re-created {name} in {one.Elapsed.TotalSeconds:0.0} s");
        }
        // The store-day tallies are the service's to build (KpiStoreDays): queued as V0030 queues a station's history.
        var storeDays = await c.ExecuteAsync("""
            DELETE FROM kpi_store_days; DELETE FROM kpi_store_days_backfill;
            INSERT INTO kpi_store_days_backfill (store_id, day)
            SELECT store_id, created_day FROM kpi_order_facts UNION SELECT store_id, completed_day FROM kpi_order_facts WHERE completed_day IS NOT NULL;
            """, commandTimeout: 3600);
        Console.WriteLine($"  {storeDays:N0} store-days queued for their tallies");
        await c.ExecuteAsync("ANALYZE kpi_order_facts; PRAGMA wal_checkpoint(TRUNCATE);", commandTimeout: 3600);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"kpi-seed: {rows:N0} fact rows in {total.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }
}
