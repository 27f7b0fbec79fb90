using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace RepairDispatch.Benchmarks;

/// <summary>
/// chain-seed: fills a migrated and bootstrapped database with a chain (bench/chain.sh): --stores 50 stores, --technicians
/// 1,000 (spread evenly), 10 manufacturers, --customers 2,000,000 (each with one phone 139NNNNNNNN, one address and one
/// appliance) and --orders 5,000,000 work orders over the last --days 730 store-local days (08:00–18:00, stores in turn).
/// Orders older than a week are 85% Closed, 10% Cancelled, 5% Completed; the last week's are spread over every status.
/// Set-based: each table is one INSERT … SELECT over a recursive counter, committed every --chunk rows, with the
/// tables' secondary indexes and triggers dropped during the fill and then re-created from their own stored SQL
/// (so they are exactly the migrator's). Foreign keys are off on this connection only: the rows are consistent by
/// construction. Ids are <see cref="ChainIds"/> (the measuring command derives the same ones).
/// </summary>
public static class ChainSeeder
{
    private static readonly string[] Tables =
        ["stores", "technicians", "manufacturers", "customers", "customer_phones", "customer_addresses", "appliances", "work_orders", "work_order_counters"];

    public static async Task<int> RunAsync(Options options)
    {
        var path = options.Required("db");
        var stores = options.Int("stores", 50);
        var technicians = options.Int("technicians", 1_000);
        var customers = options.Int("customers", 2_000_000);
        var orders = options.Int("orders", 5_000_000);
        var days = options.Int("days", 730);
        var chunk = options.Int("chunk", 1_000_000);
        if (stores < 1 || technicians < stores || customers < 1 || orders < days || days < 8)
            throw new ArgumentException("chain-seed: need stores >= 1, technicians >= stores, customers >= 1, days >= 8, orders >= days.");

        await using var c = await SeedTarget.OpenAsync(path);
        var target = await SeedTarget.FreshAsync(c, "chain-seed");
        await c.ExecuteAsync("PRAGMA foreign_keys = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -1048576;");

        var now = DateTimeOffset.UtcNow;
        var today = target.LocalDay(now);
        var firstDay = today.AddDays(-days); // the last seeded day is yesterday, so no order is in the future
        var offset = (long)target.Zone.GetUtcOffset(now).TotalSeconds; // one offset for the whole range: the stores' zone is Asia/Shanghai (no DST)
        var p = new
        {
            Stores = stores, TechPerStore = technicians / stores, Customers = customers, Orders = orders,
            PerDay = (orders + days - 1) / days,
            // seconds since the epoch of the first day's local midnight, read as UTC (local day arithmetic)
            FirstLocal = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds(),
            Offset = offset,
            OpenFrom = (long)(days - 7) * ((orders + days - 1) / days),
            Now = now.ToUnixTimeSeconds(),
            NowText = Stored.Text(now),
            Admin = target.AdminId,
            Districts = string.Join(',', SeedRows.Districts),
        };

        var total = Stopwatch.StartNew();
        var dropped = await DropIndexesAndTriggersAsync(c, Tables);
        Console.WriteLine($"chain-seed: dropped {dropped.Count} secondary indexes and triggers for the fill");
        await StepAsync(c, "stores", stores, chunk, StoresSql, p);
        await StepAsync(c, "technicians", technicians / stores * stores, chunk, TechniciansSql, p);
        await StepAsync(c, "manufacturers", ChainIds.Manufacturers, chunk, ManufacturersSql, p);
        await StepAsync(c, "customers", customers, chunk, CustomersSql, p);
        await StepAsync(c, "customer_phones", customers, chunk, PhonesSql, p);
        await StepAsync(c, "customer_addresses", customers, chunk, AddressesSql, p);
        await StepAsync(c, "appliances", customers, chunk, AppliancesSql, p);
        await StepAsync(c, "work_orders", orders, chunk, WorkOrdersSql, p);
        var counters = Stopwatch.StartNew();
        var counterRows = await c.ExecuteAsync(CountersSql, commandTimeout: 3600);
        await c.ExecuteAsync("UPDATE sync_clock SET value = @Orders WHERE id = 1", p);
        Console.WriteLine($"  work_order_counters {counterRows,12:N0} rows in {counters.Elapsed.TotalSeconds,6:0.0} s");
        var fill = total.Elapsed;

        foreach (var (type, name, sql) in dropped)
        {
            var one = Stopwatch.StartNew();
            await c.ExecuteAsync(sql, commandTimeout: 3600);
            Console.WriteLine($"  re-created {type} {name} in {one.Elapsed.TotalSeconds:0.0} s");
        }
        var indexes = total.Elapsed - fill;
        await c.ExecuteAsync("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);", commandTimeout: 3600);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"chain-seed: {stores} stores, {technicians / stores * stores} technicians, {customers:N0} customers, {orders:N0} work orders over {days} days in {total.Elapsed.TotalSeconds:0.0} s (fill {fill.TotalSeconds:0.0} s, indexes and triggers {indexes.TotalSeconds:0.0} s, analyze and checkpoint {(total.Elapsed - fill - indexes).TotalSeconds:0.0} s); db {new FileInfo(path).Length / 1048576.0:0} MiB"));
        return 0;
    }

    internal static async Task<List<(string Type, string Name, string Sql)>> DropIndexesAndTriggersAsync(SqliteConnection c, string[] tables)
    {
        // Indexes before triggers when re-created: a trigger body may rely on nothing but both are independent here.
        var objects = (await c.QueryAsync<(string Type, string Name, string Sql)>(
            "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index','trigger') AND sql IS NOT NULL AND tbl_name IN @Tables ORDER BY type, name",
            new { Tables = tables })).ToList();
        foreach (var (type, name, _) in objects)
            await c.ExecuteAsync($"DROP {type.ToUpperInvariant()} \"{name}\"");
        return objects;
    }

    internal static async Task StepAsync(SqliteConnection c, string table, long rows, int chunk, string sql, object p)
    {
        var watch = Stopwatch.StartNew();
        long written = 0;
        for (long from = 0; from < rows; from += chunk)
        {
            await using var tx = c.BeginTransaction();
            var args = new DynamicParameters(p);
            args.Add("From", from);
            args.Add("To", Math.Min(rows, from + chunk) - 1);
            written += await c.ExecuteAsync(sql, args, tx, commandTimeout: 3600);
            tx.Commit();
        }
        Console.WriteLine($"  {table,-18} {written,12:N0} rows in {watch.Elapsed.TotalSeconds,6:0.0} s");
    }

    // i runs over [@From, @To]; everything else is derived from i and the parameters.
    internal const string Counter = "WITH RECURSIVE n(i) AS (SELECT @From UNION ALL SELECT i + 1 FROM n WHERE i < @To) ";

    private const string StoresSql = Counter + """
        INSERT INTO stores (id, code, name, city, address, time_zone, lat, lon, created_at)
        SELECT printf('00000001-0000-7000-8000-%012x', i), printf('CHAIN%02d', i + 1), printf('Chain store %02d', i + 1), 'Shanghai',
               printf('%d Chain Road', i + 1), 'Asia/Shanghai', 31.1 + (i % 10) * 0.02, 121.3 + (i / 10) * 0.03, @NowText
        FROM n
        """;

    private const string TechniciansSql = Counter + """
        INSERT INTO technicians (id, store_id, code, name, phone, created_at)
        SELECT printf('00000002-0000-7000-8000-%012x', i), printf('00000001-0000-7000-8000-%012x', i / @TechPerStore),
               printf('CT%04d', i + 1), printf('Chain technician %d', i + 1), printf('137%08d', i), @NowText
        FROM n
        """;

    private const string ManufacturersSql = Counter + """
        INSERT INTO manufacturers (id, name, created_at)
        SELECT printf('00000003-0000-7000-8000-%012x', i), printf('Chain Maker %02d', i + 1), @NowText FROM n
        """;

    // Customers were created over the same two years, in id order; customer k belongs to store k % stores.
    private const string CustomersSql = Counter + """
        INSERT INTO customers (id, store_id, name, tier, callback_consent, created_at)
        SELECT printf('00000004-0000-7000-8000-%012x', i), printf('00000001-0000-7000-8000-%012x', i % @Stores), printf('Chain customer %d', i + 1),
               CASE WHEN i % 20 = 0 THEN 'Vip' ELSE 'Standard' END, 1,
               strftime('%Y-%m-%dT%H:%M:%S.0000000Z', @FirstLocal - @Offset + i * ((@Now - @FirstLocal) / @Customers), 'unixepoch')
        FROM n
        """;

    private const string PhonesSql = Counter + """
        INSERT INTO customer_phones (customer_id, phone, position)
        SELECT printf('00000004-0000-7000-8000-%012x', i), printf('139%08d', i), 0 FROM n
        """;

    private const string AddressesSql = Counter + """
        INSERT INTO customer_addresses (id, customer_id, position, district, street, lat, lon)
        SELECT printf('00000005-0000-7000-8000-%012x', i), printf('00000004-0000-7000-8000-%012x', i), 0,
               CASE i % 8 WHEN 0 THEN 'Pudong' WHEN 1 THEN 'Xuhui' WHEN 2 THEN 'Jing''an' WHEN 3 THEN 'Huangpu'
                          WHEN 4 THEN 'Changning' WHEN 5 THEN 'Minhang' WHEN 6 THEN 'Putuo' ELSE 'Yangpu' END,
               printf('%d Chain Street, building %d', i % 900 + 1, i / 900 + 1), 31.1 + (i % 1000) * 0.0002, 121.3 + (i / 1000 % 1000) * 0.0003
        FROM n
        """;

    private const string AppliancesSql = Counter + """
        INSERT INTO appliances (id, customer_id, category, manufacturer_id, model, serial_number, purchase_date, bought_here, created_at)
        SELECT printf('00000006-0000-7000-8000-%012x', i), printf('00000004-0000-7000-8000-%012x', i),
               CASE i % 6 WHEN 0 THEN 'WashingMachine' WHEN 1 THEN 'Refrigerator' WHEN 2 THEN 'AirConditioner' WHEN 3 THEN 'Tv'
                          WHEN 4 THEN 'WaterHeater' ELSE 'RangeHood' END,
               printf('00000003-0000-7000-8000-%012x', i % 10), printf('M%d', 100 + i % 900), printf('CSN%09d', i),
               strftime('%Y-%m-%d', @FirstLocal - 86400 * 400 + i * ((@Now - @FirstLocal) / @Customers), 'unixepoch'), 0, @NowText
        FROM n
        """;

    // Order i: local day d = i / PerDay, slot w = i % PerDay, store w % Stores, number sequence w / Stores + 1, created
    // at 08:00 + w * 10 h / PerDay local; customer (and appliance) k = i * 7919 % Customers, so the open orders of the
    // last week are on distinct appliances (one open order per appliance). The status is drawn from i / Stores (a store's own
    // sequence), so every store has every status. Open orders' deadlines lie ahead, so the SLA
    // watchdog has nothing to flag while the benchmark runs.
    private const string WorkOrdersSql = Counter + """
        INSERT INTO work_orders (id, store_id, number, type, source, status, customer_id, appliance_id, district, street, lat, lon,
            fault_description, priority, technician_id, in_warranty, warranty_coverage, payer, claimable, warranty_reason_code, warranty_reason_args,
            assign_by, on_site_by, complete_by, visits, version, created_by_user_id, created_at, updated_at,
            assigned_at, on_site_at, completed_at, closed_at, cancelled_at, completed_period, sync_version)
        SELECT id, store_id, number, type, source, status, customer_id, appliance_id, district, street, lat, lon,
            'Does not work', priority,
            CASE WHEN status IN ('New','Cancelled') THEN NULL ELSE printf('00000002-0000-7000-8000-%012x', (w % @Stores) * @TechPerStore + (w / @Stores) % @TechPerStore) END,
            warranty, CASE WHEN warranty = 1 THEN 'WholeUnit' ELSE 'None' END, CASE WHEN warranty = 1 THEN 'Manufacturer' ELSE 'Customer' END, warranty,
            'text.legacy', '{"text":"bench"}',
            strftime('%Y-%m-%dT%H:%M:%S.0000000Z', due + 4 * 3600, 'unixepoch'), strftime('%Y-%m-%dT%H:%M:%S.0000000Z', due + 24 * 3600, 'unixepoch'),
            strftime('%Y-%m-%dT%H:%M:%S.0000000Z', due + 72 * 3600, 'unixepoch'),
            CASE WHEN status IN ('Completed','Closed') THEN 1 ELSE 0 END, 1, @Admin,
            strftime('%Y-%m-%dT%H:%M:%S.0000000Z', created, 'unixepoch'),
            strftime('%Y-%m-%dT%H:%M:%S.0000000Z', created + CASE status WHEN 'Closed' THEN 3 * 86400 WHEN 'Completed' THEN 2 * 86400 ELSE 1800 END, 'unixepoch'),
            CASE WHEN status IN ('New','Cancelled') THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%S.0000000Z', created + 1800, 'unixepoch') END,
            CASE WHEN status IN ('OnSite','Completed','Closed') THEN strftime('%Y-%m-%dT%H:%M:%S.0000000Z', created + 86400, 'unixepoch') END,
            CASE WHEN status IN ('Completed','Closed') THEN strftime('%Y-%m-%dT%H:%M:%S.0000000Z', created + 2 * 86400, 'unixepoch') END,
            CASE WHEN status = 'Closed' THEN strftime('%Y-%m-%dT%H:%M:%S.0000000Z', created + 3 * 86400, 'unixepoch') END,
            CASE WHEN status = 'Cancelled' THEN strftime('%Y-%m-%dT%H:%M:%S.0000000Z', created + 3600, 'unixepoch') END,
            CASE WHEN status IN ('Completed','Closed') THEN strftime('%Y-%m', created + 2 * 86400 + @Offset, 'unixepoch') END,
            i + 1
        FROM (
            SELECT i, w, created, status,
                   CASE WHEN status IN ('Completed','Closed','Cancelled') THEN created ELSE @Now + 86400 END AS due,
                   printf('00000007-0000-7000-8000-%012x', i) AS id,
                   printf('00000001-0000-7000-8000-%012x', w % @Stores) AS store_id,
                   'WO-' || strftime('%Y%m%d', @FirstLocal + d * 86400, 'unixepoch') || '-' || printf('%04d', w / @Stores + 1) AS number,
                   CASE WHEN i % 10 = 9 THEN 'Installation' ELSE 'Repair' END AS type,
                   CASE i % 4 WHEN 0 THEN 'Phone' WHEN 1 THEN 'WalkIn' WHEN 2 THEN 'Sales' ELSE 'Manufacturer' END AS source,
                   printf('00000004-0000-7000-8000-%012x', k) AS customer_id, printf('00000006-0000-7000-8000-%012x', k) AS appliance_id,
                   CASE k % 8 WHEN 0 THEN 'Pudong' WHEN 1 THEN 'Xuhui' WHEN 2 THEN 'Jing''an' WHEN 3 THEN 'Huangpu'
                              WHEN 4 THEN 'Changning' WHEN 5 THEN 'Minhang' WHEN 6 THEN 'Putuo' ELSE 'Yangpu' END AS district,
                   printf('%d Chain Street, building %d', k % 900 + 1, k / 900 + 1) AS street,
                   31.1 + (k % 1000) * 0.0002 AS lat, 121.3 + (k / 1000 % 1000) * 0.0003 AS lon,
                   CASE WHEN i % 10 = 0 THEN 'Urgent' ELSE 'Normal' END AS priority,
                   CASE WHEN i % 3 = 0 THEN 1 ELSE 0 END AS warranty
            FROM (
                SELECT i, i / @PerDay AS d, i % @PerDay AS w, i * 7919 % @Customers AS k,
                       @FirstLocal - @Offset + (i / @PerDay) * 86400 + 8 * 3600 + (i % @PerDay) * 36000 / @PerDay AS created,
                       CASE WHEN i >= @OpenFrom THEN
                                CASE i / @Stores % 10 WHEN 0 THEN 'New' WHEN 1 THEN 'New' WHEN 2 THEN 'Assigned' WHEN 3 THEN 'Accepted' WHEN 4 THEN 'EnRoute'
                                            WHEN 5 THEN 'OnSite' WHEN 6 THEN 'AwaitingParts' WHEN 7 THEN 'Completed' ELSE 'Closed' END
                            WHEN i / @Stores * 31 % 100 < 85 THEN 'Closed' WHEN i / @Stores * 31 % 100 < 95 THEN 'Cancelled' ELSE 'Completed' END AS status
                FROM n))
        """;

    private const string CountersSql = """
        INSERT INTO work_order_counters (store_id, day, last_number)
        SELECT store_id, substr(number, 4, 8), COUNT(*) FROM work_orders GROUP BY store_id, substr(number, 4, 8)
        """;
}

/// <summary>The ids chain-seed gives its rows (GUID text, a table tag in the first group, the row's number in the last).</summary>
public static class ChainIds
{
    public const int Manufacturers = 10;

    public static Guid Store(long i) => Of(1, i);
    public static Guid Customer(long i) => Of(4, i);
    public static Guid WorkOrder(long i) => Of(7, i);
    public static string Phone(long customer) => "139" + customer.ToString("D8", CultureInfo.InvariantCulture);

    private static Guid Of(int tag, long i) => Guid.Parse(string.Create(CultureInfo.InvariantCulture, $"{tag:x8}-0000-7000-8000-{i:x12}"));
}
