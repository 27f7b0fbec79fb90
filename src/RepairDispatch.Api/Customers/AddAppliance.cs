using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Stores;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Customers;

public sealed record AddApplianceRequest(
    [property: Required] ApplianceCategory? Category,
    [property: Required] Guid? ManufacturerId,
    [property: Required, StringLength(100, MinimumLength = 1)] string Model,
    [property: StringLength(100)] string? SerialNumber,
    DateOnly? PurchaseDate,
    bool? BoughtHere,
    [property: StringLength(100)] string? InvoiceNumber,
    DateOnly? ManufactureDate,
    bool? CommercialUse,
    DateOnly? InstalledOn);

public static class AddAppliance
{
    private const string ManufacturerNameSql = "SELECT name FROM manufacturers WHERE id = @Id";
    internal const string InsertSql = """
        INSERT INTO appliances (id, customer_id, category, manufacturer_id, model, serial_number, purchase_date, bought_here,
            invoice_number, manufacture_date, commercial_use, installed_on, created_at)
        VALUES (@Id, @CustomerId, @Category, @ManufacturerId, @Model, @SerialNumber, @PurchaseDate, @BoughtHere,
            @InvoiceNumber, @ManufactureDate, @CommercialUse, @InstalledOn, @CreatedAt)
        """;

    public static async Task<Results<Created<ApplianceResponse>, ProblemHttpResult>> Handle(
        Guid id, AddApplianceRequest request, HttpContext http, Db db, TimeProvider clock)
    {
        if (request.PurchaseDate < request.ManufactureDate)
            return Problems.Validation("purchaseDate", Codes.Refusal.BeforeManufactureDate);
        if (request.InstalledOn < request.PurchaseDate)
            return Problems.Validation("installedOn", Codes.Refusal.BeforePurchaseDate);
        var me = http.Me();

        return await db.InTransactionAsync<Results<Created<ApplianceResponse>, ProblemHttpResult>>(async (c, tx) =>
        {
            if (await Customer.VisibleStoreAsync(c, tx, id, me) is not { } storeId) return Problems.NotFound(Codes.Thing.Customer);
            var manufacturer = await c.QuerySingleOrDefaultAsync<string?>(ManufacturerNameSql, new { Id = request.ManufacturerId }, tx);
            if (manufacturer is null) return Problems.Validation("manufacturerId", Codes.Refusal.NoSuchManufacturer);
            // "Today" is the store's calendar day: a purchase made this morning in Shanghai is not in the future.
            var today = (await StoreClock.OfStoreAsync(c, tx, storeId)).DayOf(clock.GetUtcNow());
            if (request.PurchaseDate > today) return Problems.Validation("purchaseDate", Codes.Refusal.InTheFuture);
            if (request.ManufactureDate > today) return Problems.Validation("manufactureDate", Codes.Refusal.InTheFuture);

            var appliance = new ApplianceResponse(Guid.CreateVersion7(), id, request.Category!.Value, request.ManufacturerId!.Value, manufacturer,
                request.Model.Trim(), request.SerialNumber?.Trim(), request.PurchaseDate, request.BoughtHere ?? false, request.InvoiceNumber?.Trim(),
                request.ManufactureDate, request.CommercialUse ?? false, request.InstalledOn, clock.GetUtcNow());
            await c.ExecuteAsync(InsertSql, new
            {
                appliance.Id, appliance.CustomerId, Category = appliance.Category.ToString(), appliance.ManufacturerId, appliance.Model,
                appliance.SerialNumber, appliance.PurchaseDate, appliance.BoughtHere, appliance.InvoiceNumber, appliance.ManufactureDate,
                appliance.CommercialUse, appliance.InstalledOn, appliance.CreatedAt,
            }, tx);
            if (appliance.BoughtHere)
                await Callbacks.ScheduleCallbacks.AfterSaleAsync(c, tx, storeId, appliance.CustomerId, appliance.Id, today, appliance.CreatedAt);
            return TypedResults.Created($"/api/v1/appliances/{appliance.Id}", appliance);
        });
    }
}
