using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RepairDispatch.Benchmarks;

public readonly record struct SeedCustomer(string Id, string District, string Street, double Lat, double Lon);

/// <summary>
/// Master data the seeders share, written in the caller's transaction: manufacturers, technicians, customers with one
/// phone and one address. <see cref="Rows"/> counts what it wrote.
/// </summary>
public sealed class SeedRows(SqliteConnection c, SqliteTransaction tx, string storeId, DateTimeOffset now)
{
    public static readonly string[] Categories = ["WashingMachine", "Refrigerator", "AirConditioner", "Tv", "WaterHeater", "RangeHood"];
    public static readonly string[] Districts = ["Pudong", "Xuhui", "Jing'an", "Huangpu", "Changning", "Minhang", "Putuo", "Yangpu"];

    /// <summary>Parameters: id, customer, category, manufacturer, model, serial number, purchase date, bought here, created at.</summary>
    public const string InsertApplianceSql = """
        INSERT INTO appliances (id, customer_id, category, manufacturer_id, model, serial_number, purchase_date, bought_here, created_at)
        VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8)
        """;

    private readonly string _now = Stored.Text(now)!;

    public long Rows { get; private set; }

    public (string Id, string Name)[] Manufacturers(IEnumerable<string> names)
    {
        var manufacturers = names.Select(name => (Id: Stored.Id(now), Name: name)).ToArray();
        using var insert = new Prepared(c, tx, "INSERT INTO manufacturers (id, name, created_at) VALUES (@p0, @p1, @p2)", 3);
        foreach (var m in manufacturers) Rows += insert.Run(m.Id, m.Name, _now);
        return manufacturers;
    }

    /// <summary>More stores (Shanghai, the service's default zone), coded PREFIX01, PREFIX02, …</summary>
    public string[] Stores(int count, string codePrefix)
    {
        var stores = Enumerable.Range(0, count).Select(_ => Stored.Id(now)).ToArray();
        using var insert = new Prepared(c, tx,
            "INSERT INTO stores (id, code, name, city, address, time_zone, created_at) VALUES (@p0, @p1, @p2, 'Shanghai', @p3, 'Asia/Shanghai', @p4)", 5);
        for (var i = 0; i < count; i++)
            Rows += insert.Run(stores[i], $"{codePrefix}{i + 1:00}", $"Bench store {i + 1}", $"{i + 1} Bench Road", _now);
        return stores;
    }

    /// <summary>Technicians coded PREFIX001, PREFIX002, …</summary>
    public string[] Technicians(int count, string codePrefix, string namePrefix)
    {
        var technicians = Enumerable.Range(0, count).Select(_ => Stored.Id(now)).ToArray();
        using var insert = new Prepared(c, tx,
            "INSERT INTO technicians (id, store_id, code, name, phone, created_at) VALUES (@p0, @p1, @p2, @p3, @p4, @p5)", 6);
        for (var i = 0; i < count; i++)
            Rows += insert.Run(technicians[i], storeId, $"{codePrefix}{i + 1:000}", $"{namePrefix} {i + 1}",
                "139" + (10_000_000 + i).ToString(CultureInfo.InvariantCulture), _now);
        return technicians;
    }

    /// <summary>Customers in Shanghai's districts, every 20th a VIP, each with one phone and one address.</summary>
    public SeedCustomer[] Customers(int count, Random random)
    {
        var customers = new SeedCustomer[count];
        using var insertCustomer = new Prepared(c, tx,
            "INSERT INTO customers (id, store_id, name, tier, callback_consent, created_at) VALUES (@p0, @p1, @p2, @p3, 1, @p4)", 5);
        using var insertPhone = new Prepared(c, tx, "INSERT INTO customer_phones (customer_id, phone, position) VALUES (@p0, @p1, 0)", 2);
        using var insertAddress = new Prepared(c, tx,
            "INSERT INTO customer_addresses (id, customer_id, position, district, street, lat, lon) VALUES (@p0, @p1, 0, @p2, @p3, @p4, @p5)", 6);
        for (var i = 0; i < count; i++)
        {
            var customer = customers[i] = new SeedCustomer(Stored.Id(now), Districts[i % Districts.Length],
                $"{i % 900 + 1} Bench Road, building {i / 900 + 1}", 31.1 + random.NextDouble() * 0.2, 121.3 + random.NextDouble() * 0.3);
            Rows += insertCustomer.Run(customer.Id, storeId, $"Bench customer {i + 1}", i % 20 == 0 ? "Vip" : "Standard", _now);
            Rows += insertPhone.Run(customer.Id, "138" + (10_000_000 + i).ToString(CultureInfo.InvariantCulture));
            Rows += insertAddress.Run(Stored.Id(now), customer.Id, customer.District, customer.Street, customer.Lat, customer.Lon);
        }
        return customers;
    }
}
