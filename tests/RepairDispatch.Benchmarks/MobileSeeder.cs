using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using static RepairDispatch.Benchmarks.Stored;

namespace RepairDispatch.Benchmarks;

/// <summary>
/// mobile-seed: today's work for the mobile benchmark, in a migrated and bootstrapped database (the service started on
/// it once: store and admin exist): N technicians (codes MT-001, …), one manufacturer, one part that the store keeps
/// in stock, and J work orders per technician, already Assigned to them, with consecutive appointment windows today
/// from 09:00, each on its own customer's appliance. The appliances have no purchase date, so the orders are
/// customer-paid repairs (out of warranty): completing one prices labour, the part and the on-site fee to the
/// customer, and no contract is involved. The technicians' logins are made by mobile-run through the API, so the
/// service hashes their password itself. One transaction.
/// </summary>
public static class MobileSeeder
{
    public const string TechnicianCodePrefix = "MT-";
    public const string PartNumber = "BENCH-PUMP-1";
    public const int StockBefore = 100_000;
    private const string OutOfWarranty = "warranty.no-purchase-date";

    public static async Task<int> RunAsync(Options options)
    {
        var technicians = options.Int("technicians", 200);
        var jobsPerTechnician = options.Int("jobs-per-technician", 8);
        if (technicians < 1 || jobsPerTechnician < 1 || technicians * jobsPerTechnician > 9_999)
            throw new ArgumentException("mobile-seed: at least 1 technician and 1 job each, and at most 9,999 jobs (the store's numbers of one day).");
        await using var c = await SeedTarget.OpenAsync(options.Required("db"));
        var target = await SeedTarget.FreshAsync(c, "mobile-seed");

        var watch = Stopwatch.StartNew();
        var (day, rows) = Fill(c, target, technicians, jobsPerTechnician);
        await c.ExecuteAsync("PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE);");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mobile-seed: {technicians} technicians × {jobsPerTechnician} assigned jobs on {day:yyyy-MM-dd}, {rows} rows in all, in {watch.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }

    private static (DateOnly Day, long Rows) Fill(SqliteConnection c, SeedTarget target, int technicianCount, int jobsPerTechnician)
    {
        var now = DateTimeOffset.UtcNow;
        var nowText = Text(now);
        var jobs = technicianCount * jobsPerTechnician;
        long rows = 0;
        using var tx = c.BeginTransaction();
        var shared = new SeedRows(c, tx, target.StoreId, now);
        var manufacturer = shared.Manufacturers(["Bench Mobile Maker"])[0];
        var technicians = shared.Technicians(technicianCount, TechnicianCodePrefix, "Mobile technician");
        var customers = shared.Customers(jobs, new Random(20240801));

        var partId = Id(now);
        rows += c.Execute("""
            INSERT INTO parts (id, part_number, name, category, manufacturer_id, main_part, cost_fen, retail_price_fen, created_at)
            VALUES (@PartId, @PartNumber, 'Drain pump', NULL, @ManufacturerId, 0, 2500, 4800, @Now);
            INSERT INTO stock_movements (id, location_id, part_id, kind, qty, reason, at) VALUES (@MovementId, @StoreId, @PartId, 'Opening', @StockBefore, 'seed', @Now);
            INSERT INTO stock_balances (location_id, part_id, on_hand, updated_at) VALUES (@StoreId, @PartId, @StockBefore, @Now);
            """, new { MovementId = Id(now), PartId = partId, PartNumber, ManufacturerId = manufacturer.Id, Now = nowText, target.StoreId, StockBefore }, tx);

        using var insertAppliance = new Prepared(c, tx, SeedRows.InsertApplianceSql, 9);
        using var insertOrder = new Prepared(c, tx, """
            INSERT INTO work_orders (id, store_id, number, type, source, status, customer_id, appliance_id, district, street, lat, lon,
                fault_description, priority, appointment_from, appointment_to, technician_id, in_warranty, warranty_coverage, payer,
                claimable, warranty_reason_code, warranty_reason_args, assign_by, on_site_by, complete_by, version, created_by_user_id, created_at, updated_at, assigned_at)
            VALUES (@p0, @p1, @p2, 'Repair', 'Phone', 'Assigned', @p3, @p4, @p5, @p6, @p7, @p8,
                'Drum does not spin', 'Normal', @p9, @p10, @p11, 0, 'None', 'Customer',
                0, @p12, NULL, @p13, @p14, @p15, 2, @p16, @p17, @p18, @p18)
            """, 19);
        using var insertEvent = new Prepared(c, tx, """
            INSERT INTO work_order_events (id, work_order_id, at, occurred_at, actor_user_id, actor, kind, from_status, to_status, reason)
            VALUES (@p0, @p1, @p2, @p2, @p3, 'admin', @p4, @p5, @p6, NULL)
            """, 7);

        // Booked two hours ago, assigned an hour later; today's windows follow each other from 09:00.
        var today = target.LocalDay(now);
        var created = now.AddHours(-2);
        var assigned = now.AddHours(-1);
        var createdDay = target.LocalDay(created).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var window = TimeSpan.FromMinutes(Math.Min(60, 540 / jobsPerTechnician));
        for (var n = 0; n < jobs; n++)
        {
            var customer = customers[n];
            var applianceId = Id(created);
            rows += insertAppliance.Run(applianceId, customer.Id, SeedRows.Categories[n % SeedRows.Categories.Length], manufacturer.Id,
                "M" + (100 + n % 900), "MSN" + n.ToString("D8", CultureInfo.InvariantCulture), null, 0, Text(created));
            var from = target.Utc(today.ToDateTime(new TimeOnly(9, 0))) + window * (n % jobsPerTechnician);
            var orderId = Id(created);
            rows += insertOrder.Run(orderId, target.StoreId, $"WO-{createdDay}-{n + 1:0000}", customer.Id, applianceId,
                customer.District, customer.Street, customer.Lat, customer.Lon, Text(from), Text(from + window),
                technicians[n / jobsPerTechnician], OutOfWarranty, Text(created.AddHours(4)), Text(created.AddHours(24)),
                Text(created.AddHours(72)), target.AdminId, Text(created), Text(assigned));
            rows += insertEvent.Run(Id(created), orderId, Text(created), target.AdminId, "Created", null, "New");
            rows += insertEvent.Run(Id(assigned), orderId, Text(assigned), target.AdminId, "Assign", "New", "Assigned");
        }
        rows += c.Execute("INSERT INTO work_order_counters (store_id, day, last_number) VALUES (@StoreId, @Day, @Last)",
            new { target.StoreId, Day = createdDay, Last = jobs }, tx);
        tx.Commit();
        return (today, rows + shared.Rows);
    }
}
