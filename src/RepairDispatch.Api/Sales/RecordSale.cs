using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Parts;
using RepairDispatch.Api.Stores;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Sales;

/// <summary>
/// A sale from a till, in one transaction: the customer found by phone in the chain's archive or created, each unit
/// registered as an appliance bought here with its invoice, an installation order on the delivery day for what needs
/// one, and the sales follow-up call. The sale number makes a resend harmless: the same sale answers the first
/// answer, a resend that only adds lines adds them, any other change is a conflict naming the field.
/// </summary>
public static class RecordSale
{
    private const string ManufacturersSql = "SELECT id FROM manufacturers WHERE id IN @Ids";
    private const string CustomerByPhoneSql = """
        SELECT c.id FROM customer_phones p JOIN customers c ON c.id = p.customer_id
        WHERE p.phone IN @Phones
        ORDER BY CASE WHEN c.store_id = @StoreId THEN 0 ELSE 1 END, c.created_at, c.id
        """;
    private const string InsertSaleSql = """
        INSERT INTO sales_orders (id, sale_number, store_id, customer_id, sold_at, customer_name, customer_phones, client_id, created_by_user_id, created_at)
        VALUES (@Id, @SaleNumber, @StoreId, @CustomerId, @SoldAt, @CustomerName, @CustomerPhones, @ClientId, @UserId, @Now)
        """;
    private const string InsertLineSql = """
        INSERT INTO sales_order_lines (sales_order_id, line_no, category, manufacturer_id, model, serial_number, qty, price_fen, invoice_number,
            needs_installation, delivery_on)
        VALUES (@SaleId, @LineNo, @Category, @ManufacturerId, @Model, @SerialNumber, @Qty, @PriceFen, @InvoiceNumber, @NeedsInstallation, @DeliveryOn)
        """;
    private const string InsertUnitSql = """
        INSERT INTO sales_order_units (sales_order_id, line_no, unit_no, appliance_id, installation_order_id, callback_id)
        VALUES (@SaleId, @LineNo, @UnitNo, @ApplianceId, @InstallationOrderId, @CallbackId)
        """;

    public static async Task<IResult> Handle(SaleRequest request, HttpContext http, Db db, TimeProvider clock)
    {
        var me = http.Me();
        if (me.StoreId is { } own && request.StoreId is { } asked && asked != own)
            return Problems.Validation("storeId", Codes.Sales.OwnStoreOnly);
        if ((me.StoreId ?? request.StoreId) is not { } storeId) return Problems.Validation("storeId", Codes.Sales.StoreRequired);
        return await RecordAsync(db, request, storeId, me, clock.GetUtcNow());
    }

    /// <summary>One sale of a store in its own transaction: 201 (new), 200 (a resend, perhaps with added lines) or a refusal.</summary>
    internal static async Task<IResult> RecordAsync(Db db, SaleRequest request, Guid storeId, CurrentUser me, DateTimeOffset now)
    {
        if (SaleRules.Check(request, out var phones) is var (field, text)) return Problems.Validation(field, text);
        var saleNumber = request.SaleNumber.Trim();

        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            if (await StoreClock.FindStoreAsync(c, tx, storeId) is not { } zone) return Problems.Validation("storeId", Codes.Refusal.NoSuchStore);
            var soldOn = zone.DayOf(request.SoldAt!.Value);
            if (soldOn > zone.DayOf(now)) return Problems.Validation("soldAt", Codes.Refusal.InTheFuture);
            if (await RefuseLinesAsync(c, tx, request, soldOn) is { } refused) return refused;

            var stored = await StoredSale.LoadAsync(c, tx, saleNumber);
            if (stored?.FirstChange(request, storeId, phones) is { } changed)
                return Problems.Conflict("sale-changed", Codes.Sales.Changed.With(changed), new Dictionary<string, object?> { ["field"] = changed });
            var added = request.Lines.Where(l => stored?.Lines.All(s => s.LineNo != l.LineNo) ?? true).ToList();
            if (stored is not null && added.Count == 0) return TypedResults.Ok(stored.Answer());

            var (actor, clientId) = await SaleActor.OfAsync(c, tx, me);
            var saleId = stored?.Id ?? Guid.CreateVersion7();
            var customerId = stored?.CustomerId ?? await FindOrCreateCustomerAsync(c, tx, request.Customer, phones, storeId, now);
            if (stored is null)
                await ClaimNumberAsync(c, tx, new
                {
                    Id = saleId, SaleNumber = saleNumber, StoreId = storeId, CustomerId = customerId, SoldAt = request.SoldAt.Value.ToUniversalTime(),
                    CustomerName = request.Customer.Name.Trim(), CustomerPhones = string.Join(',', phones), ClientId = clientId,
                    UserId = clientId is null ? me.Id : (Guid?)null, Now = now,
                });
            var sale = new SaleContext(db, c, tx, saleId, saleNumber, storeId, customerId, soldOn, zone, actor, now, request.Customer.Address);
            foreach (var line in added) await RecordLineAsync(sale, line);

            var answer = (await StoredSale.LoadAsync(c, tx, saleNumber))!.Answer();
            return stored is null ? TypedResults.Created($"/api/v1/sales-orders/{Uri.EscapeDataString(saleNumber)}", answer) : TypedResults.Ok(answer);
        });
    }

    /// <summary>The checks that need the store's day and the manufacturers: a delivery before the sale, an unknown brand.</summary>
    private static async Task<IResult?> RefuseLinesAsync(DbConnection c, DbTransaction tx, SaleRequest request, DateOnly soldOn)
    {
        var known = (await c.QueryAsync<Guid>(ManufacturersSql, new { Ids = Db.IdList(c, request.Lines.Select(l => l.ManufacturerId!.Value).Distinct()) }, tx)).ToHashSet();
        for (var i = 0; i < request.Lines.Count; i++)
        {
            var line = request.Lines[i];
            if (!known.Contains(line.ManufacturerId!.Value)) return Problems.Validation($"lines[{i}].manufacturerId", Codes.Refusal.NoSuchManufacturer);
            if (line.DeliveryOn < soldOn)
                return Problems.Validation($"lines[{i}].deliveryOn", Codes.Sales.DeliveryBeforeSale.With(soldOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }
        return null;
    }

    /// <summary>The sale number's row; a concurrent first copy of the same sale loses here and runs again as a resend.</summary>
    private static async Task ClaimNumberAsync(DbConnection c, DbTransaction tx, object row)
    {
        try
        {
            await c.ExecuteAsync(InsertSaleSql, row, tx);
        }
        catch (DbException e) when (DbErrors.IsConstraintViolation(e))
        {
            throw new ConcurrencyConflictException("sales_orders", Guid.Empty);
        }
    }

    /// <summary>The chain's archive is searched by every phone of the sale (this store's customer first); else a new customer.</summary>
    private static async Task<Guid> FindOrCreateCustomerAsync(DbConnection c, DbTransaction tx, SaleCustomerRequest customer, List<string> phones,
        Guid storeId, DateTimeOffset now)
    {
        var found = await c.QueryFirstOrDefaultAsync<Guid?>(CustomerByPhoneSql, new { Phones = phones, StoreId = storeId }, tx);
        if (found is { } id) return id;
        id = Guid.CreateVersion7();
        await c.ExecuteAsync(CreateCustomer.InsertSql, new
        {
            Id = id, StoreId = storeId, Name = customer.Name.Trim(), Tier = nameof(CustomerTier.Standard), CallbackConsent = true, Notes = (string?)null,
            CreatedAt = now,
        }, tx);
        await c.ExecuteAsync(CreateCustomer.InsertPhoneSql, phones.Select((p, i) => new { CustomerId = id, Phone = p, Position = i }), tx);
        if (customer.Address is { } a)
            await c.ExecuteAsync(CreateCustomer.InsertAddressSql, new
            {
                Id = Guid.CreateVersion7(), CustomerId = id, Position = 0, District = a.District.Trim(), Street = a.Street.Trim(), a.Lat, a.Lon,
            }, tx);
        return id;
    }

    private sealed record SaleContext(Db Db, DbConnection C, DbTransaction Tx, Guid SaleId, string SaleNumber, Guid StoreId, Guid CustomerId,
        DateOnly SoldOn, StoreZone Zone, CurrentUser Actor, DateTimeOffset Now, AddressRequest? Address);

    private static async Task RecordLineAsync(SaleContext s, SaleLineRequest line)
    {
        var category = line.Category!.Value;
        await s.C.ExecuteAsync(InsertLineSql, new
        {
            s.SaleId, line.LineNo, Category = category.ToString(), line.ManufacturerId, Model = line.Model.Trim(), SerialNumber = StoredSale.Blank(line.SerialNumber),
            line.Qty, PriceFen = Fen.FromYuan(line.Price!.Value), InvoiceNumber = line.InvoiceNumber.Trim(), line.NeedsInstallation, line.DeliveryOn,
        }, s.Tx);
        for (var unit = 1; unit <= line.Qty; unit++)
        {
            var applianceId = await SaleAppliances.RegisterAsync(s.C, s.Tx, s.CustomerId, category, line.ManufacturerId!.Value, line.Model.Trim(),
                StoredSale.Blank(line.SerialNumber), s.SoldOn, line.InvoiceNumber.Trim(), s.Now);
            Guid? installationId = SaleRules.NeedsInstallation(category, line.NeedsInstallation)
                ? await InstallationAsync(s, applianceId, line.LineNo!.Value, line.Model.Trim(), line.DeliveryOn ?? s.SoldOn)
                : null;
            var callbackId = await Callbacks.ScheduleCallbacks.AfterSaleAsync(s.C, s.Tx, s.StoreId, s.CustomerId, applianceId, s.SoldOn, s.Now);
            await s.C.ExecuteAsync(InsertUnitSql, new
            {
                s.SaleId, line.LineNo, UnitNo = unit, ApplianceId = applianceId, InstallationOrderId = installationId, CallbackId = callbackId,
            }, s.Tx);
        }
    }

    /// <summary>An installation order (source Sales) with the delivery day as its window, at the sale's address if it names one.</summary>
    private static async Task<Guid> InstallationAsync(SaleContext s, Guid applianceId, int lineNo, string model, DateOnly deliveryOn)
    {
        var facts = await s.C.QuerySingleAsync<CreateWorkOrder.IntakeFacts>(CreateWorkOrder.FactsSql, new { ApplianceId = applianceId }, s.Tx);
        var order = await CreateWorkOrder.NewOrderAsync(s.Db, s.C, s.Tx, facts, WorkOrderType.Installation, $"{s.SaleNumber}/{lineNo}: {model}",
            Priority.Normal, s.Actor, s.Now);
        order.Source = WorkOrderSource.Sales;
        order.AppointmentFrom = s.Zone.StartOf(deliveryOn);
        order.AppointmentTo = s.Zone.StartOf(deliveryOn.AddDays(1));
        if (s.Address is { } a) (order.District, order.Street, order.Lat, order.Lon) = (a.District.Trim(), a.Street.Trim(), a.Lat, a.Lon);
        await CreateWorkOrder.InsertAsync(s.C, s.Tx, order, s.Actor, s.Now, Codes.Sales.InstallationOfSale.With(s.SaleNumber));
        return order.Id;
    }
}
