using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using static RepairDispatch.Benchmarks.Stored;

namespace RepairDispatch.Benchmarks;

/// <summary>
/// Fills a migrated and bootstrapped database (the service has started on it once, so the default store and the
/// admin user exist) with a realistic history: manufacturers, technicians, customers with a phone and an address,
/// one appliance per work order, N work orders spread over past days (numbers WO-yyyyMMdd-NNNN, counters to match)
/// with one Created event each, plus a pool of spare appliances without any order for the intake benchmark.
/// One transaction, prepared commands reused: a few seconds for 100,000 orders.
/// </summary>
public static class Seeder
{
    public const string SpareModel = "BENCH-SPARE";
    private const int OrdersPerDay = 250;
    private const int AppliancesPerCustomer = 5;

    private static readonly string[] Faults = ["Drum does not spin", "Not cooling", "No picture, sound works", "Leaks water at the bottom",
        "Error code E4 on the display", "Makes a loud noise when starting", "Does not heat", "Remote control does not respond"];
    private static readonly string[] Sources = ["Phone", "WalkIn", "Sales", "Manufacturer"];

    public static async Task<int> RunAsync(Options options)
    {
        var orders = options.Int("orders", 100_000);
        var spares = options.Int("spare-appliances", 40_000);
        await using var c = await SeedTarget.OpenAsync(options.Required("db"));
        var existing = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM work_orders");
        if (existing >= orders)
        {
            Console.WriteLine($"seed: {existing} work orders already there, nothing to do");
            return 0;
        }
        if (existing > 0) throw new ArgumentException($"seed: the database already holds {existing} work orders; seed a fresh one.");
        var target = await SeedTarget.FindAsync(c, "seed");

        var watch = Stopwatch.StartNew();
        var rows = Fill(c, target, orders, spares);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed: {orders} work orders, {rows} rows in all, in {watch.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }

    private static long Fill(SqliteConnection c, SeedTarget target, int orders, int spares)
    {
        var random = new Random(20240601);
        var now = DateTimeOffset.UtcNow;
        var nowText = Text(now);
        long rows = 0;
        using var tx = c.BeginTransaction();
        var shared = new SeedRows(c, tx, target.StoreId, now);
        var manufacturers = shared.Manufacturers(new[] { "Haier", "Midea", "Gree", "Hisense", "Siemens" }.Select(name => "Bench " + name));
        var technicians = shared.Technicians(12, "BT-", "Bench technician");
        var customerCount = Math.Max(1, orders / AppliancesPerCustomer);
        var customers = shared.Customers(customerCount, random);

        var todayLocal = target.LocalDay(now);
        var days = (orders + OrdersPerDay - 1) / OrdersPerDay;
        using var insertAppliance = new Prepared(c, tx, SeedRows.InsertApplianceSql, 9);
        using var insertOrder = new Prepared(c, tx, """
            INSERT INTO work_orders (id, store_id, number, type, source, status, customer_id, appliance_id, district, street, lat, lon,
                fault_description, priority, technician_id, in_warranty, warranty_coverage, payer, claimable, warranty_reason_code, warranty_reason_args,
                assign_by, on_site_by, complete_by, sla_paused_at, intended_duplicate, visits, repair_level, main_part, labour_minutes,
                resolution_notes, customer_rating, version, created_by_user_id, created_at, updated_at, assigned_at, on_site_at,
                completed_at, closed_at, cancelled_at)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15, @p16, @p17, @p18, 'text.legacy', json_object('text', @p19),
                @p20, @p21, @p22, @p23, 0, @p24, @p25, @p26, @p27, @p28, @p29, @p30, @p31, @p32, @p33, @p34, @p35, @p36, @p37, @p38)
            """, 39);
        using var insertEvent = new Prepared(c, tx, """
            INSERT INTO work_order_events (id, work_order_id, at, actor_user_id, actor, kind, from_status, to_status, reason)
            VALUES (@p0, @p1, @p2, @p3, 'admin', 'Created', NULL, 'New', NULL)
            """, 4);
        using var insertCounter = new Prepared(c, tx, "INSERT INTO work_order_counters (store_id, day, last_number) VALUES (@p0, @p1, @p2)", 3);

        var n = 0;
        for (var d = 0; d < days && n < orders; d++)
        {
            var day = todayLocal.AddDays(d - days);
            var dayText = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            var ageDays = days - d;
            var inDay = Math.Min(OrdersPerDay, orders - n);
            for (var k = 1; k <= inDay; k++, n++)
            {
                // Office hours 08:00-18:00 local, evenly spread, a little jitter.
                var local = day.ToDateTime(new TimeOnly(8, 0)).AddSeconds((k - 1) * (36_000.0 / OrdersPerDay) + random.Next(60));
                var created = target.Utc(local);
                var customer = customers[n / AppliancesPerCustomer % customerCount];
                var category = SeedRows.Categories[random.Next(SeedRows.Categories.Length)];
                var purchase = random.Next(10) < 6 ? DateOnly.FromDateTime(created.UtcDateTime).AddDays(-random.Next(30, 1500)) : (DateOnly?)null;
                var applianceId = Id(created);
                rows += insertAppliance.Run(applianceId, customer.Id, category, manufacturers[random.Next(manufacturers.Length)].Id,
                    "M" + random.Next(100, 999), "SN" + n.ToString("D8", CultureInfo.InvariantCulture),
                    purchase?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), random.Next(2), Text(created));

                var status = Status(ageDays, random);
                var urgent = random.Next(10) == 0;
                var vip = n / AppliancesPerCustomer % 20 == 0;
                var fast = urgent || vip;
                var (inWarranty, coverage, payer, claimable, reason) =
                    purchase is { } p && p.AddYears(1) >= DateOnly.FromDateTime(created.UtcDateTime)
                        ? (1, "WholeUnit", "Manufacturer", 1, "Within the one-year whole-unit warranty.")
                        : purchase is null ? (0, "None", "Customer", 0, "No purchase date: treated as out of warranty.")
                        : (0, "None", "Customer", 0, "Warranty expired.");
                var assigned = status is "New" or "Cancelled" ? (DateTimeOffset?)null : created.AddMinutes(30 + random.Next(120));
                var onSite = status is "OnSite" or "AwaitingParts" or "Completed" or "Closed" ? created.AddHours(3 + random.Next(18)) : (DateTimeOffset?)null;
                var completed = status is "Completed" or "Closed" ? onSite!.Value.AddMinutes(40 + random.Next(200)) : (DateTimeOffset?)null;
                var closed = status is "Closed" ? completed!.Value.AddHours(2 + random.Next(40)) : (DateTimeOffset?)null;
                var cancelled = status is "Cancelled" ? created.AddHours(1 + random.Next(20)) : (DateTimeOffset?)null;
                var paused = status is "AwaitingParts" ? onSite!.Value.AddMinutes(30) : (DateTimeOffset?)null;
                var updated = new[] { created, assigned, onSite, paused, completed, closed, cancelled }.Max()!.Value;
                var version = 1 + new[] { assigned, onSite, paused, completed, closed, cancelled }.Count(t => t is not null);
                var orderId = Id(created);
                rows += insertOrder.Run(orderId, target.StoreId, $"WO-{dayText}-{k:0000}",
                    random.Next(10) switch { < 8 => "Repair", 8 => "Installation", _ => "Maintenance" },
                    Sources[random.Next(Sources.Length)], status, customer.Id, applianceId,
                    customer.District, customer.Street, customer.Lat, customer.Lon, Faults[random.Next(Faults.Length)],
                    urgent ? "Urgent" : "Normal", assigned is null ? null : technicians[random.Next(technicians.Length)],
                    inWarranty, coverage, payer, claimable, reason,
                    Text(created.AddHours(fast ? 1 : 4)), Text(created.AddHours(fast ? 4 : 24)), Text(created.AddHours(fast ? 24 : 72)), Text(paused),
                    onSite is null ? 0 : 1,
                    completed is null ? null : "Minor", completed is null ? null : 0, completed is null ? null : 30 + random.Next(120),
                    completed is null ? null : "Replaced a worn part and tested.", closed is null ? null : 3 + random.Next(3),
                    version, target.AdminId, Text(created), Text(updated), Text(assigned), Text(onSite), Text(completed), Text(closed), Text(cancelled));
                rows += insertEvent.Run(Id(created), orderId, Text(created), target.AdminId);
            }
            rows += insertCounter.Run(target.StoreId, dayText, inDay);
        }

        // Appliances without any order: the intake benchmark opens one new order on each (no duplicate-intake conflict).
        for (var i = 0; i < spares; i++)
            rows += insertAppliance.Run(Id(now), customers[i % customerCount].Id, SeedRows.Categories[i % SeedRows.Categories.Length],
                manufacturers[i % manufacturers.Length].Id, SpareModel, null, null, 0, nowText);

        tx.Commit();
        using (var analyze = c.CreateCommand())
        {
            analyze.CommandText = "PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE);";
            analyze.ExecuteNonQuery();
        }
        return rows + shared.Rows;
    }

    /// <summary>Old orders are finished; the last week's are spread over the open statuses.</summary>
    private static string Status(int ageDays, Random random)
    {
        if (ageDays > 7)
            return random.Next(100) switch { < 85 => "Closed", < 95 => "Cancelled", _ => "Completed" };
        return random.Next(8) switch
        {
            0 => "New", 1 => "Assigned", 2 => "Accepted", 3 => "EnRoute", 4 => "OnSite", 5 => "AwaitingParts", 6 => "Completed", _ => "Closed",
        };
    }
}
