using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Customers;

public sealed record AddressRequest(
    [property: Required, StringLength(100, MinimumLength = 1)] string District,
    [property: Required, StringLength(400, MinimumLength = 1)] string Street,
    [property: Range(-90, 90)] double? Lat,
    [property: Range(-180, 180)] double? Lon);

public sealed record CreateCustomerRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: Required, MinLength(1), MaxLength(5)] List<string> Phones,
    [property: MaxLength(5)] List<AddressRequest>? Addresses,
    CustomerTier? Tier,
    bool? CallbackConsent,
    [property: StringLength(2000)] string? Notes,
    Guid? StoreId);

public static class CreateCustomer
{
    private const string StoreExistsSql = "SELECT COUNT(*) FROM stores WHERE id = @StoreId";
    internal const string InsertSql = """
        INSERT INTO customers (id, store_id, name, tier, callback_consent, notes, created_at)
        VALUES (@Id, @StoreId, @Name, @Tier, @CallbackConsent, @Notes, @CreatedAt)
        """;
    internal const string InsertPhoneSql = "INSERT INTO customer_phones (customer_id, phone, position) VALUES (@CustomerId, @Phone, @Position)";
    internal const string InsertAddressSql = """
        INSERT INTO customer_addresses (id, customer_id, position, district, street, lat, lon)
        VALUES (@Id, @CustomerId, @Position, @District, @Street, @Lat, @Lon)
        """;

    public static async Task<Results<Created<CustomerResponse>, ProblemHttpResult>> Handle(
        CreateCustomerRequest request, HttpContext http, Db db, TimeProvider clock)
    {
        var me = http.Me();
        if (me.StoreId is { } own && request.StoreId is { } asked && asked != own)
            return Problems.Validation("storeId", Codes.Refusal.OwnStoreCustomersOnly);
        var storeId = me.StoreId ?? request.StoreId;
        if (storeId is null)
            return Problems.Validation("storeId", Codes.Refusal.CustomerStoreRequired);

        var phones = new List<string>();
        foreach (var raw in request.Phones)
        {
            if (raw is null || raw.Length is < 5 or > 32 || Customer.NormalisePhone(raw) is not { } phone)
                return Problems.Validation("phones", Codes.Refusal.NotAPhoneNumber.With(raw));
            if (!phones.Contains(phone)) phones.Add(phone);
        }
        var addresses = request.Addresses ?? [];
        for (var i = 0; i < addresses.Count; i++)
            if (addresses[i].Lat is null != addresses[i].Lon is null)
                return Problems.Validation($"addresses[{i}].lat", Codes.Refusal.LatAndLon);

        var customer = new CustomerResponse(Guid.CreateVersion7(), storeId.Value, request.Name.Trim(), phones,
            addresses.Select(a => new AddressResponse(Guid.CreateVersion7(), a.District.Trim(), a.Street.Trim(), a.Lat, a.Lon)).ToList(),
            request.Tier ?? CustomerTier.Standard, request.CallbackConsent ?? true, request.Notes, clock.GetUtcNow());

        return await db.InTransactionAsync<Results<Created<CustomerResponse>, ProblemHttpResult>>(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<long>(StoreExistsSql, new { StoreId = storeId }, tx) == 0)
                return Problems.Validation("storeId", Codes.Refusal.NoSuchStore);
            await c.ExecuteAsync(InsertSql, new
            {
                customer.Id, customer.StoreId, customer.Name, Tier = customer.Tier.ToString(), customer.CallbackConsent, customer.Notes, customer.CreatedAt,
            }, tx);
            await c.ExecuteAsync(InsertPhoneSql, phones.Select((p, i) => new { CustomerId = customer.Id, Phone = p, Position = i }), tx);
            await c.ExecuteAsync(InsertAddressSql, customer.Addresses.Select((a, i) => new
            {
                a.Id, CustomerId = customer.Id, Position = i, a.District, a.Street, a.Lat, a.Lon,
            }), tx);
            return TypedResults.Created($"/api/v1/customers/{customer.Id}", customer);
        });
    }
}
