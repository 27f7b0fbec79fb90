using System.Data.Common;
using Dapper;

namespace RepairDispatch.Api.Customers;

/// <summary>
/// An appliance leaving the registry: returned (retired), or exchanged for a new unit of the same model that the same
/// customer keeps, with a new serial number and a warranty that starts again on the exchange day (its purchase date).
/// Used by the manager's 三包 decision; the till's returns can call it too.
/// </summary>
public static class ApplianceExchange
{
    private const string RetireSql = """
        UPDATE appliances SET left_registry_on = @Day, replaced_by_id = @ReplacedById WHERE id = @Id AND left_registry_on IS NULL
        """;
    private const string InsertReplacementSql = """
        INSERT INTO appliances (id, customer_id, category, manufacturer_id, model, serial_number, purchase_date, bought_here,
            invoice_number, manufacture_date, commercial_use, installed_on, created_at)
        SELECT @NewId, customer_id, category, manufacturer_id, model, @SerialNumber, @Day, bought_here,
            invoice_number, NULL, commercial_use, NULL, @Now
        FROM appliances WHERE id = @Id
        """;

    /// <summary>The appliance leaves the registry on the store's <paramref name="day"/>; false when it had already left.</summary>
    public static async Task<bool> RetireAsync(DbConnection c, DbTransaction tx, Guid id, DateOnly day, Guid? replacedById = null) =>
        await c.ExecuteAsync(RetireSql, new { Id = id, Day = day, ReplacedById = replacedById }, tx) == 1;

    /// <summary>Registers the replacement (purchase date = <paramref name="day"/>, the store's day) and retires the old unit; the new id, or null when the old one had already left.</summary>
    public static async Task<Guid?> ExchangeAsync(DbConnection c, DbTransaction tx, Guid id, string newSerialNumber, DateOnly day, DateTimeOffset now)
    {
        var newId = Guid.CreateVersion7();
        await c.ExecuteAsync(InsertReplacementSql, new { Id = id, NewId = newId, SerialNumber = newSerialNumber.Trim(), Day = day, Now = now }, tx);
        return await RetireAsync(c, tx, id, day, newId) ? newId : null;
    }
}
