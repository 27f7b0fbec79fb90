using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace RepairDispatch.Benchmarks;

/// <summary>
/// settlement-seed: fills a migrated and bootstrapped database (the service started on it once: store and admin
/// exist) with one month of finished manufacturer work for the settlement benchmark: 10 manufacturers, 2,000
/// customers, 10,000 appliances (1,000 per manufacturer, shared by many orders: only open orders must be one per
/// appliance), N work orders with status Completed, completed in the previous store-local month (completed_period
/// set), numbered WO-yyyyMMdd-NNNN over as many days as needed (at most 9,000 a day, counters to match), and one
/// Manufacturer RepairFee charge of 80.50 yuan each. Prepared commands reused, a commit every 200,000 orders.
/// </summary>
public static class SettlementSeeder
{
    private const int Manufacturers = 10;
    private const int Customers = 2_000;
    private const int AppliancesPerManufacturer = 1_000;
    private const int OrdersPerDay = 9_000;
    private const int OrdersPerCommit = 200_000;
    public const long FeeFen = 8_050;

    private static readonly string[] Categories = ["WashingMachine", "Refrigerator", "AirConditioner", "Tv", "WaterHeater", "RangeHood"];
    private static readonly string[] Districts = ["Pudong", "Xuhui", "Jing'an", "Huangpu", "Changning", "Minhang", "Putuo", "Yangpu"];

    public static async Task<int> RunAsync(Options options)
    {
        var path = options.Required("db");
        var orders = options.Int("orders", 1_000_000);
        if (!File.Exists(path)) throw new ArgumentException($"No database at {path}: run the service's `migrate` command first.");

        await using var c = new SqliteConnection(Options.ConnectionString(path));
        await c.OpenAsync();
        if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM work_orders") > 0)
            throw new ArgumentException("settlement-seed: the database already holds work orders; seed a fresh one.");
        var store = await c.QuerySingleOrDefaultAsync<(string Id, string TimeZone)?>("SELECT id, time_zone FROM stores ORDER BY created_at LIMIT 1");
        var admin = await c.QuerySingleOrDefaultAsync<string>("SELECT id FROM users WHERE username = 'admin'");
        if (store is null || admin is null)
            throw new ArgumentException("settlement-seed: no store or no admin user: start the service once on this database first.");

        await c.ExecuteAsync("PRAGMA cache_size = -262144");
        var zone = TimeZoneInfo.FindSystemTimeZoneById(store.Value.TimeZone);
        var watch = Stopwatch.StartNew();
        var (period, rows) = Fill(c, store.Value.Id, zone, admin, orders);
        var fill = watch.Elapsed;
        await c.ExecuteAsync("PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE);", commandTimeout: 600);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"settlement-seed: {orders} completed orders in {period}, {rows} rows in all, in {fill.TotalSeconds:0.0} s (+{(watch.Elapsed - fill).TotalSeconds:0.0} s optimize/checkpoint); db {new FileInfo(path).Length / 1048576.0:0} MiB"));
        return 0;
    }

    private static (string Period, long Rows) Fill(SqliteConnection c, string storeId, TimeZoneInfo zone, string adminId, int orders)
    {
        var now = DateTimeOffset.UtcNow;
        var nowText = Text(now);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var monthStart = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var monthDays = DateTime.DaysInMonth(monthStart.Year, monthStart.Month);
        var monthEnd = monthStart.AddDays(monthDays - 1);
        var period = monthStart.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        long rows = 0;

        var tx = c.BeginTransaction();
        var manufacturers = Enumerable.Range(1, Manufacturers).Select(i => (Id: Guid.CreateVersion7(now).ToString(), Name: $"Settle Maker {i:00}")).ToArray();
        using (var insert = new Prepared(c, tx, "INSERT INTO manufacturers (id, name, created_at) VALUES (@p0, @p1, @p2)", 3))
            foreach (var m in manufacturers) rows += insert.Run(m.Id, m.Name, nowText);

        var customers = new string[Customers];
        using (var insert = new Prepared(c, tx, "INSERT INTO customers (id, store_id, name, tier, callback_consent, created_at) VALUES (@p0, @p1, @p2, 'Standard', 1, @p3)", 4))
            for (var i = 0; i < Customers; i++)
                rows += insert.Run(customers[i] = Guid.CreateVersion7(now).ToString(), storeId, $"Settle customer {i + 1}", nowText);

        // appliances[k]: manufacturer k % 10, so orders n (appliance n % 10,000) cycle evenly over the manufacturers.
        var appliances = new (string Id, string CustomerId, string Category)[Manufacturers * AppliancesPerManufacturer];
        using (var insert = new Prepared(c, tx, """
                   INSERT INTO appliances (id, customer_id, category, manufacturer_id, model, serial_number, purchase_date, bought_here, created_at)
                   VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, 0, @p7)
                   """, 8))
            for (var k = 0; k < appliances.Length; k++)
            {
                appliances[k] = (Guid.CreateVersion7(now).ToString(), customers[k % Customers], Categories[k % Categories.Length]);
                rows += insert.Run(appliances[k].Id, appliances[k].CustomerId, appliances[k].Category, manufacturers[k % Manufacturers].Id,
                    "M" + (100 + k % 900), "SSN" + k.ToString("D8", CultureInfo.InvariantCulture),
                    monthStart.AddMonths(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), nowText);
            }

        var insertOrder = new Prepared(c, tx, """
            INSERT INTO work_orders (id, store_id, number, type, source, status, customer_id, appliance_id, district, street, lat, lon,
                fault_description, priority, in_warranty, warranty_coverage, payer, claimable, warranty_reason,
                assign_by, on_site_by, complete_by, intended_duplicate, visits, repair_level, main_part, labour_minutes,
                resolution_notes, version, created_by_user_id, created_at, updated_at, assigned_at, on_site_at, completed_at, completed_period)
            VALUES (@p0, @p1, @p2, 'Repair', 'Manufacturer', 'Completed', @p3, @p4, @p5, NULL, NULL, NULL,
                'Does not work', 'Normal', 1, 'WholeUnit', 'Manufacturer', 1, 'Within the one-year whole-unit warranty.',
                @p6, @p7, @p8, 0, 1, 'Minor', 0, 60,
                'Replaced a worn part and tested.', 4, @p9, @p10, @p11, @p12, @p13, @p14, @p15)
            """, 16);
        var insertCharge = new Prepared(c, tx, """
            INSERT INTO work_order_charges (id, work_order_id, party, kind, description, amount_fen, created_at)
            VALUES (@p0, @p1, 'Manufacturer', 'RepairFee', @p2, @p3, @p4)
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
                var created = Utc(zone, day.ToDateTime(new TimeOnly(8, 0)).AddSeconds((k - 1) * 4));
                var completedDay = day >= monthStart ? day : monthStart.AddDays(n % monthDays);
                var completed = day >= monthStart ? created.AddHours(2)
                    : Utc(zone, completedDay.ToDateTime(new TimeOnly(9, 0)).AddSeconds(k % 30_000));
                var appliance = appliances[n % appliances.Length];
                var orderId = Guid.CreateVersion7(created).ToString();
                var completedText = Text(completed);
                rows += insertOrder.Run(orderId, storeId, $"WO-{dayText}-{k:0000}", appliance.CustomerId, appliance.Id, Districts[n % Districts.Length],
                    Text(created.AddHours(4)), Text(created.AddHours(24)), Text(created.AddHours(72)), adminId,
                    Text(created), completedText, Text(created.AddMinutes(30)), Text(completed.AddHours(-1)), completedText, period);
                rows += insertCharge.Run(Guid.CreateVersion7(completed).ToString(), orderId, $"Repair fee, {appliance.Category}, Minor", FeeFen, completedText);
                if (n % OrdersPerCommit == OrdersPerCommit - 1)
                {
                    tx.Commit();
                    tx.Dispose();
                    tx = c.BeginTransaction();
                    insertOrder.Use(tx);
                    insertCharge.Use(tx);
                    insertCounter.Use(tx);
                }
            }
            rows += insertCounter.Run(storeId, dayText, inDay);
        }
        tx.Commit();
        tx.Dispose();
        insertOrder.Dispose();
        insertCharge.Dispose();
        insertCounter.Dispose();
        return (period, rows);
    }

    private static DateTimeOffset Utc(TimeZoneInfo zone, DateTime local) => new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();

    private static string Text(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A prepared statement whose parameters @p0..@pN are rebound for every row.</summary>
    private sealed class Prepared : IDisposable
    {
        private readonly SqliteCommand _command;
        private readonly SqliteParameter[] _parameters;

        public Prepared(SqliteConnection c, SqliteTransaction tx, string sql, int parameterCount)
        {
            _command = c.CreateCommand();
            _command.Transaction = tx;
            _command.CommandText = sql;
            _parameters = Enumerable.Range(0, parameterCount).Select(i => _command.Parameters.Add(new SqliteParameter("@p" + i, DBNull.Value))).ToArray();
            _command.Prepare();
        }

        public void Use(SqliteTransaction tx) => _command.Transaction = tx;

        public int Run(params object?[] values)
        {
            if (values.Length != _parameters.Length) throw new InvalidOperationException($"Expected {_parameters.Length} values, got {values.Length}.");
            for (var i = 0; i < values.Length; i++) _parameters[i].Value = values[i] ?? DBNull.Value;
            return _command.ExecuteNonQuery();
        }

        public void Dispose() => _command.Dispose();
    }
}
