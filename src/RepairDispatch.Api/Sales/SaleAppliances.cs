using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Customers;

namespace RepairDispatch.Api.Sales;

/// <summary>An appliance sold here: bought at the store on the day of the sale (or of the exchange), with its invoice.</summary>
public static class SaleAppliances
{
    public static async Task<Guid> RegisterAsync(DbConnection c, DbTransaction tx, Guid customerId, ApplianceCategory category, Guid manufacturerId,
        string model, string? serialNumber, DateOnly purchaseDate, string invoiceNumber, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7();
        await c.ExecuteAsync(AddAppliance.InsertSql, new
        {
            Id = id, CustomerId = customerId, Category = category.ToString(), ManufacturerId = manufacturerId, Model = model, SerialNumber = serialNumber,
            PurchaseDate = purchaseDate, BoughtHere = true, InvoiceNumber = invoiceNumber, ManufactureDate = (DateOnly?)null, CommercialUse = false,
            InstalledOn = (DateOnly?)null, CreatedAt = now,
        }, tx);
        return id;
    }
}
