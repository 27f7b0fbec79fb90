using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Api.Customers;

public sealed record AddressResponse(Guid Id, string District, string Street, double? Lat, double? Lon);

public sealed record CustomerResponse(
    Guid Id, Guid StoreId, string Name, IReadOnlyList<string> Phones, IReadOnlyList<AddressResponse> Addresses,
    CustomerTier Tier, bool CallbackConsent, string? Notes, DateTimeOffset CreatedAt);

/// <summary>Reads customers with their phones and addresses; phones are kept normalised so look-up is exact.</summary>
public static partial class Customer
{
    public const string Columns = "id, store_id, name, tier, callback_consent, notes, created_at";
    private const string GetSql = "SELECT " + Columns + " FROM customers WHERE id = @Id";
    private const string StoreOfSql = "SELECT store_id FROM customers WHERE id = @Id";

    private const string PhonesSql = "SELECT customer_id, phone FROM customer_phones WHERE customer_id IN @Ids ORDER BY customer_id, position";
    private const string AddressesSql = """
        SELECT id, customer_id, district, street, lat, lon FROM customer_addresses
        WHERE customer_id IN @Ids ORDER BY customer_id, position
        """;

    /// <summary>"138-0000 1234" → "13800001234"; null when what is left is not a phone number.</summary>
    public static string? NormalisePhone(string raw)
    {
        var phone = raw.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return PhoneDigits().IsMatch(phone) ? phone : null;
    }

    /// <summary>The home store of a customer (where he was first recorded), or null when there is no such customer; every store sees the archive.</summary>
    public static Task<Guid?> HomeStoreAsync(DbConnection c, DbTransaction? tx, Guid customerId) =>
        c.QuerySingleOrDefaultAsync<Guid?>(StoreOfSql, new { Id = customerId }, tx);

    public static async Task<CustomerResponse?> GetAsync(DbConnection c, Guid id)
    {
        var row = await c.QuerySingleOrDefaultAsync<Row>(GetSql, new { Id = id });
        return row is null ? null : (await CompleteAsync(c, [row]))[0];
    }

    public static async Task<List<CustomerResponse>> CompleteAsync(DbConnection c, IReadOnlyList<Row> rows)
    {
        if (rows.Count == 0) return [];
        var ids = new { Ids = Db.IdList(c, rows.Select(r => r.Id)) };
        var phones = (await c.QueryAsync<PhoneRow>(PhonesSql, ids)).ToLookup(p => p.CustomerId, p => p.Phone);
        var addresses = (await c.QueryAsync<AddressRow>(AddressesSql, ids))
            .ToLookup(a => a.CustomerId, a => new AddressResponse(a.Id, a.District, a.Street, a.Lat, a.Lon));
        return rows.Select(r => new CustomerResponse(r.Id, r.StoreId, r.Name, phones[r.Id].ToList(), addresses[r.Id].ToList(),
            Enum.Parse<CustomerTier>(r.Tier), r.CallbackConsent, r.Notes, r.CreatedAt)).ToList();
    }

    [GeneratedRegex(@"^\+?[0-9]{5,31}$")]
    private static partial Regex PhoneDigits();

    public sealed class Row
    {
        public Guid Id { get; init; }
        public Guid StoreId { get; init; }
        public string Name { get; init; } = "";
        public string Tier { get; init; } = "";
        public bool CallbackConsent { get; init; }
        public string? Notes { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }

    private sealed class PhoneRow
    {
        public Guid CustomerId { get; init; }
        public string Phone { get; init; } = "";
    }

    private sealed class AddressRow
    {
        public Guid Id { get; init; }
        public Guid CustomerId { get; init; }
        public string District { get; init; } = "";
        public string Street { get; init; } = "";
        public double? Lat { get; init; }
        public double? Lon { get; init; }
    }
}
