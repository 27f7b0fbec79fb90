using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using static RepairDispatch.Benchmarks.Stored;

namespace RepairDispatch.Benchmarks;

/// <summary>
/// settlement-seed: fills a migrated and bootstrapped database (the service started on it once: store and admin
/// exist) with one month of finished manufacturer work for the settlement benchmark: 10 manufacturers (--manufacturers), 2,000
/// customers, 1,000 appliances per manufacturer ( shared by many orders: only open orders must be one per
/// appliance), N work orders with status Completed, completed in the previous store-local month (completed_period
/// set), numbered WO-yyyyMMdd-NNNN over as many days as needed (at most 9,000 a day, counters to match), and one
/// Manufacturer RepairFee charge of 80.50 yuan each, and its Ready claim. Prepared commands reused, a commit every 200,000 orders. With
/// --stores N (bench/chain.sh: a chain-wide run) N-1 more stores are made and the orders go to the stores in turn.
/// </summary>
public static class SettlementSeeder
{
    private const int Customers = 2_000;
    private const int AppliancesPerManufacturer = 1_000;
    private const int OrdersPerDay = 9_000;
    private const int OrdersPerCommit = 200_000;
    public const long FeeFen = 8_050;

    public static async Task<int> RunAsync(Options options)
    {
        var path = options.Required("db");
        var orders = options.Int("orders", 1_000_000);
        var makers = options.Int("manufacturers", 10);
        var stores = options.Int("stores", 1);
        await using var c = await SeedTarget.OpenAsync(path);
        var target = await SeedTarget.FreshAsync(c, "settlement-seed");

        var watch = Stopwatch.StartNew();
        // No KPI marks for the seeded history (V0024's triggers would queue every order, and the service's kpi-facts job
        // would then recompute hundreds of thousands of orders in the middle of the timed settlement).
        await c.ExecuteAsync("UPDATE kpi_settings SET aggregate = 0");
        var (period, rows) = Fill(c, target, orders, makers, stores);
        await c.ExecuteAsync("UPDATE kpi_settings SET aggregate = 1; DELETE FROM kpi_dirty;");
        var fill = watch.Elapsed;
        await c.ExecuteAsync("PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE);", commandTimeout: 600);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"settlement-seed: {orders} completed orders of {stores} store(s) in {period}, {rows} rows in all, in {fill.TotalSeconds:0.0} s (+{(watch.Elapsed - fill).TotalSeconds:0.0} s optimize/checkpoint); db {new FileInfo(path).Length / 1048576.0:0} MiB"));
        return 0;
    }

    private static (string Period, long Rows) Fill(SqliteConnection c, SeedTarget target, int orders, int makers, int storeCount)
    {
        var now = DateTimeOffset.UtcNow;
        var nowText = Text(now);
        var today = target.LocalDay(now);
        var monthStart = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var monthDays = DateTime.DaysInMonth(monthStart.Year, monthStart.Month);
        var monthEnd = monthStart.AddDays(monthDays - 1);
        var period = monthStart.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        long rows = 0;

        var tx = c.BeginTransaction();
        var shared = new SeedRows(c, tx, target.StoreId, now);
        var manufacturers = shared.Manufacturers(Enumerable.Range(1, makers).Select(i => $"Settle Maker {i:00}"));
        var customers = shared.Customers(Customers, new Random(20240701));
        var stores = shared.Stores(storeCount - 1, "SETTLE").Prepend(target.StoreId).ToArray();

        // appliances[k]: manufacturer k % 10, so orders n (appliance n % 10,000) cycle evenly over the manufacturers.
        var appliances = new (string Id, string CustomerId, string Category)[makers * AppliancesPerManufacturer];
        using (var insert = new Prepared(c, tx, """
                   INSERT INTO appliances (id, customer_id, category, manufacturer_id, model, serial_number, purchase_date, bought_here, created_at)
                   VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, 0, @p7)
                   """, 8))
            for (var k = 0; k < appliances.Length; k++)
            {
                appliances[k] = (Id(now), customers[k % Customers].Id, SeedRows.Categories[k % SeedRows.Categories.Length]);
                rows += insert.Run(appliances[k].Id, appliances[k].CustomerId, appliances[k].Category, manufacturers[k % makers].Id,
                    "M" + (100 + k % 900), "SSN" + k.ToString("D8", CultureInfo.InvariantCulture),
                    monthStart.AddMonths(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), nowText);
            }

        var insertOrder = new Prepared(c, tx, """
            INSERT INTO work_orders (id, store_id, number, type, source, status, customer_id, appliance_id, district, street, lat, lon,
                fault_description, priority, in_warranty, warranty_coverage, payer, claimable, warranty_reason_code, warranty_reason_args,
                assign_by, on_site_by, complete_by, intended_duplicate, visits, repair_level, main_part, labour_minutes,
                resolution_notes, version, created_by_user_id, created_at, updated_at, assigned_at, on_site_at, completed_at, completed_period)
            VALUES (@p0, @p1, @p2, 'Repair', 'Manufacturer', 'Completed', @p3, @p4, @p5, NULL, NULL, NULL,
                'Does not work', 'Normal', 1, 'WholeUnit', 'Manufacturer', 1, 'text.legacy', '{"text":"Within the one-year whole-unit warranty."}',
                @p6, @p7, @p8, 0, 1, 'Minor', 0, 60,
                'Replaced a worn part and tested.', 4, @p9, @p10, @p11, @p12, @p13, @p14, @p15)
            """, 16);
        var insertCharge = new Prepared(c, tx, """
            INSERT INTO work_order_charges (id, work_order_id, party, kind, description, amount_fen, created_at)
            VALUES (@p0, @p1, 'Manufacturer', 'RepairFee', @p2, @p3, @p4)
            """, 5);
        // Each manufacturer-paid order has its claim (V0012), Ready: the run takes it, as in a real month.
        var insertClaim = new Prepared(c, tx, """
            INSERT INTO work_order_claims (work_order_id, store_id, manufacturer_id, state, blocker_codes, claim_by, ready_at, run_id, completed_period, version, created_at, updated_at)
            VALUES (@p0, @p1, @p2, 'Ready', '[]', NULL, @p3, NULL, @p4, 1, @p3, @p3)
            """, 5);
        var insertCounter = new Prepared(c, tx, "INSERT INTO work_order_counters (store_id, day, last_number) VALUES (@p0, @p1, @p2)", 3);

        // Number days run up to the last day of the period; orders numbered inside the period complete that day,
        // older ones are spread over the period's days.
        var days = (orders + OrdersPerDay - 1) / OrdersPerDay;
        var n = 0;
        for (var d = 0; d < days; d++)
        {
            var day = monthEnd.AddDays(d - days + 1);
            var dayText = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            var inDay = Math.Min(OrdersPerDay, orders - n);
            for (var k = 1; k <= inDay; k++, n++)
            {
                var created = target.Utc(day.ToDateTime(new TimeOnly(8, 0)).AddSeconds((k - 1) * 4));
                var completedDay = day >= monthStart ? day : monthStart.AddDays(n % monthDays);
                var completed = day >= monthStart ? created.AddHours(2)
                    : target.Utc(completedDay.ToDateTime(new TimeOnly(9, 0)).AddSeconds(k % 30_000));
                var appliance = appliances[n % appliances.Length];
                var store = stores[n % stores.Length];
                var orderId = Id(created);
                var completedText = Text(completed);
                rows += insertOrder.Run(orderId, store, $"WO-{dayText}-{k:0000}", appliance.CustomerId, appliance.Id, SeedRows.Districts[n % SeedRows.Districts.Length],
                    Text(created.AddHours(4)), Text(created.AddHours(24)), Text(created.AddHours(72)), target.AdminId,
                    Text(created), completedText, Text(created.AddMinutes(30)), Text(completed.AddHours(-1)), completedText, period);
                rows += insertCharge.Run(Id(completed), orderId, $"Repair fee, {appliance.Category}, Minor", FeeFen, completedText);
                rows += insertClaim.Run(orderId, store, manufacturers[n % appliances.Length % makers].Id, completedText, period);
                if (n % OrdersPerCommit == OrdersPerCommit - 1)
                {
                    tx.Commit();
                    tx.Dispose();
                    tx = c.BeginTransaction();
                    insertOrder.Use(tx);
                    insertCharge.Use(tx);
                    insertClaim.Use(tx);
                    insertCounter.Use(tx);
                }
            }
            // Store s of the day numbered k = s+1, s+1+N, …: its counter is its highest number.
            for (var s = 0; s < Math.Min(stores.Length, inDay); s++)
                rows += insertCounter.Run(stores[(n - inDay + s) % stores.Length], dayText, inDay - (inDay - 1 - s) % stores.Length);
        }
        tx.Commit();
        tx.Dispose();
        insertOrder.Dispose();
        insertCharge.Dispose();
        insertClaim.Dispose();
        insertCounter.Dispose();
        return (period, rows + shared.Rows);
    }
}
