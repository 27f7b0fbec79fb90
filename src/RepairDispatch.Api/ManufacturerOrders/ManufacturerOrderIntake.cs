using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.ManufacturerOrders;

public sealed record BrandCustomer(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: Required, MinLength(1), MaxLength(5)] List<string> Phones,
    AddressInput? Address);

public sealed record BrandAppliance(
    [property: Required] ApplianceCategory? Category,
    [property: Required, StringLength(100, MinimumLength = 1)] string Model,
    [property: StringLength(100)] string? SerialNumber,
    DateOnly? PurchaseDate);

public sealed record ManufacturerOrderRequest(
    [property: Required] Guid? ManufacturerId,
    [property: Required, StringLength(64, MinimumLength = 1)] string ExternalNumber,
    Guid? StoreId,
    [property: Required] BrandCustomer? Customer,
    [property: Required] BrandAppliance? Appliance,
    [property: Required] WorkOrderType? Type,
    [property: Required, StringLength(2000, MinimumLength = 1)] string FaultDescription,
    AppointmentWindow? Appointment);

/// <summary>What one intake came to: a new order, the order the brand number already has, or a refusal naming a field.</summary>
public abstract record IntakeOutcome
{
    public sealed record Created(WorkOrder Order) : IntakeOutcome;
    public sealed record Existing(Guid OrderId) : IntakeOutcome;
    public sealed record Refused(string Field, Text Text) : IntakeOutcome;
}

/// <summary>
/// One manufacturer order in, in one transaction: the brand number already known answers the existing order (nothing
/// written); else the customer is found by phone in the store (or created), the appliance by serial (or registered)
/// and a work order of source Manufacturer created as the desk's intake creates one. The unique index on (brand,
/// number) settles concurrent repeats: the loser's insert fails, and it answers the winner's order.
/// </summary>
public static class ManufacturerOrderIntake
{
    private const string ExistingSql = "SELECT id FROM work_orders WHERE external_manufacturer_id = @ManufacturerId AND external_number = @Number";
    private const string ManufacturerSql = "SELECT COUNT(*) FROM manufacturers WHERE id = @Id";
    private const string StoreSql = "SELECT COUNT(*) FROM stores WHERE id = @Id";
    private const string OnlyStoreSql = "SELECT id FROM stores";
    private const string CustomerByPhoneSql = """
        SELECT c.id, c.store_id FROM customers c JOIN customer_phones p ON p.customer_id = c.id
        WHERE p.phone IN @Phones AND (@StoreId IS NULL OR c.store_id = @StoreId)
        ORDER BY c.created_at
        """;
    private const string ApplianceBySerialSql = """
        SELECT id FROM appliances WHERE customer_id = @CustomerId AND manufacturer_id = @ManufacturerId AND serial_number = @Serial
        """;
    private const string ApplianceByModelSql = """
        SELECT id FROM appliances WHERE customer_id = @CustomerId AND manufacturer_id = @ManufacturerId AND category = @Category
          AND model = @Model AND serial_number IS NULL
        """;
    private const string InsertCustomerSql = """
        INSERT INTO customers (id, store_id, name, tier, callback_consent, notes, created_at)
        VALUES (@Id, @StoreId, @Name, 'Standard', 1, NULL, @Now)
        """;
    private const string InsertPhoneSql = "INSERT INTO customer_phones (customer_id, phone, position) VALUES (@CustomerId, @Phone, @Position)";
    private const string InsertAddressSql = """
        INSERT INTO customer_addresses (id, customer_id, position, district, street, lat, lon)
        VALUES (@Id, @CustomerId, 0, @District, @Street, @Lat, @Lon)
        """;
    private const string InsertApplianceSql = """
        INSERT INTO appliances (id, customer_id, category, manufacturer_id, model, serial_number, purchase_date, bought_here, created_at)
        VALUES (@Id, @CustomerId, @Category, @ManufacturerId, @Model, @Serial, @PurchaseDate, 0, @Now)
        """;
    private const string MarkSql = """
        UPDATE work_orders SET external_manufacturer_id = @ManufacturerId, external_number = @Number WHERE id = @Id
        """;

    private sealed class CustomerRow
    {
        public Guid Id { get; init; }
        public Guid StoreId { get; init; }
    }

    /// <summary>The request's own checks, before any database work; null when it may go on.</summary>
    public static IntakeOutcome.Refused? Check(ManufacturerOrderRequest r, out List<string> phones)
    {
        phones = [];
        if (string.IsNullOrWhiteSpace(r.ExternalNumber)) return new("externalNumber", Codes.Brand.NumberRequired);
        foreach (var raw in r.Customer!.Phones)
        {
            if (raw is null || raw.Length is < 5 or > 32 || Customer.NormalisePhone(raw) is not { } phone)
                return new("customer.phones", Codes.Refusal.NotAPhoneNumber.With(raw));
            if (!phones.Contains(phone)) phones.Add(phone);
        }
        if (r.Appointment is { From: { } from, To: { } to } && from >= to) return new("appointment.to", Codes.Refusal.AppointmentToAfterFrom);
        return null;
    }

    public static async Task<IntakeOutcome> RunAsync(ManufacturerOrderRequest r, CurrentUser me, Db db, DateTimeOffset now,
        Dispatch.ITravelTimesProvider travel, string language)
    {
        if (Check(r, out var phones) is { } refused) return refused;
        var number = r.ExternalNumber.Trim();
        try
        {
            return await db.InTransactionAsync<IntakeOutcome>((c, tx) => CreateAsync(c, tx, db, r, number, phones, me, now, travel, language));
        }
        catch (DbException e) when (DbErrors.IsConstraintViolation(e))
        {
            // A concurrent repeat committed first: answer its order.
            await using var c = await db.OpenAsync();
            var id = await c.QuerySingleOrDefaultAsync<Guid?>(ExistingSql, new { r.ManufacturerId, Number = number });
            if (id is null) throw;
            return new IntakeOutcome.Existing(id.Value);
        }
    }

    private static async Task<IntakeOutcome> CreateAsync(DbConnection c, DbTransaction tx, Db db, ManufacturerOrderRequest r, string number,
        List<string> phones, CurrentUser me, DateTimeOffset now, Dispatch.ITravelTimesProvider travel, string language)
    {
        if (await c.QuerySingleOrDefaultAsync<Guid?>(ExistingSql, new { r.ManufacturerId, Number = number }, tx) is { } existing)
            return new IntakeOutcome.Existing(existing);
        if (await c.ExecuteScalarAsync<long>(ManufacturerSql, new { Id = r.ManufacturerId }, tx) == 0)
            return new IntakeOutcome.Refused("manufacturerId", Codes.Refusal.NoSuchManufacturer);
        if (me.StoreId is { } own && r.StoreId is { } asked && asked != own)
            return new IntakeOutcome.Refused("storeId", Codes.Refusal.OwnStoreCustomersOnly);
        var storeId = me.StoreId ?? r.StoreId;
        if (storeId is { } s && await c.ExecuteScalarAsync<long>(StoreSql, new { Id = s }, tx) == 0)
            return new IntakeOutcome.Refused("storeId", Codes.Refusal.NoSuchStore);

        var customer = await c.QueryFirstOrDefaultAsync<CustomerRow>(CustomerByPhoneSql, new { Phones = phones, StoreId = storeId }, tx);
        if (customer is null)
        {
            storeId ??= await OnlyStoreAsync(c, tx);
            if (storeId is null) return new IntakeOutcome.Refused("storeId", Codes.Brand.StoreRequired);
            customer = new CustomerRow { Id = Guid.CreateVersion7(), StoreId = storeId.Value };
            await c.ExecuteAsync(InsertCustomerSql, new { customer.Id, customer.StoreId, Name = r.Customer!.Name.Trim(), Now = now }, tx);
            await c.ExecuteAsync(InsertPhoneSql, phones.Select((p, i) => new { CustomerId = customer.Id, Phone = p, Position = i }), tx);
            if (r.Customer.Address is { } a)
                await c.ExecuteAsync(InsertAddressSql, new { Id = Guid.CreateVersion7(), CustomerId = customer.Id, District = a.District.Trim(),
                    Street = a.Street.Trim(), a.Lat, a.Lon }, tx);
        }
        var applianceId = await ApplianceAsync(c, tx, r, customer.Id, now);

        var facts = await c.QuerySingleAsync<CreateWorkOrder.IntakeFacts>(CreateWorkOrder.FactsSql, new { ApplianceId = applianceId }, tx);
        // The shop serving the address's district takes the brand's order, as at the desk.
        var route = await Stores.Routing.DecideAsync(c, tx, me, storeId, r.Customer!.Address?.District ?? facts.District, facts.StoreId);
        if (route.Refusal is not null) return new IntakeOutcome.Refused("storeId", Codes.Brand.StoreRequired);
        (facts.StoreId, facts.TimeZone) = (route.StoreId, route.TimeZone);
        var order = await CreateWorkOrder.NewOrderAsync(db, c, tx, facts, r.Type!.Value, r.FaultDescription.Trim(), Priority.Normal, me, now);
        order.Source = WorkOrderSource.Manufacturer;
        order.AppointmentFrom = r.Appointment?.From?.ToUniversalTime();
        order.AppointmentTo = r.Appointment?.To?.ToUniversalTime();
        if (r.Customer!.Address is { } address)
            (order.District, order.Street, order.Lat, order.Lon) = (address.District.Trim(), address.Street.Trim(), address.Lat, address.Lon);
        await CreateWorkOrder.InsertAsync(c, tx, order, me, now, reason: null);
        if (route.Routed is { } routed) await WorkOrderEvents.WriteAsync(c, tx, order.Id, me, now, "Routed", null, null, routed);
        await c.ExecuteAsync(MarkSql, new { order.Id, r.ManufacturerId, Number = number }, tx);
        await Dispatch.AutoDispatch.TryAsync(c, tx, order, me, now, travel, language);
        return new IntakeOutcome.Created(order);
    }

    /// <summary>A station with one store routes every brand order there; with more, the order must name its store.</summary>
    private static async Task<Guid?> OnlyStoreAsync(DbConnection c, DbTransaction tx)
    {
        var stores = (await c.QueryAsync<Guid>(OnlyStoreSql, transaction: tx)).Take(2).ToList();
        return stores.Count == 1 ? stores[0] : null;
    }

    private static async Task<Guid> ApplianceAsync(DbConnection c, DbTransaction tx, ManufacturerOrderRequest r, Guid customerId, DateTimeOffset now)
    {
        var a = r.Appliance!;
        var serial = string.IsNullOrWhiteSpace(a.SerialNumber) ? null : a.SerialNumber.Trim();
        var args = new
        {
            Id = Guid.CreateVersion7(), CustomerId = customerId, r.ManufacturerId, Category = a.Category!.Value.ToString(), Model = a.Model.Trim(),
            Serial = serial, a.PurchaseDate, Now = now,
        };
        var found = await c.QueryFirstOrDefaultAsync<Guid?>(serial is null ? ApplianceByModelSql : ApplianceBySerialSql, args, tx);
        if (found is { } id) return id;
        await c.ExecuteAsync(InsertApplianceSql, args, tx);
        return args.Id;
    }
}
