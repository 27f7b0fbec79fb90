using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Contracts;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.WorkOrders;

public sealed record AppointmentWindow([property: Required] DateTimeOffset? From, [property: Required] DateTimeOffset? To);

public sealed record AddressInput(
    [property: Required, StringLength(100, MinimumLength = 1)] string District,
    [property: Required, StringLength(400, MinimumLength = 1)] string Street,
    [property: Range(-90, 90)] double? Lat,
    [property: Range(-180, 180)] double? Lon);

public sealed record CreateWorkOrderRequest(
    [property: Required] WorkOrderType? Type,
    [property: Required] WorkOrderSource? Source,
    [property: Required] Guid? CustomerId,
    [property: Required] Guid? ApplianceId,
    [property: Required, StringLength(2000, MinimumLength = 1)] string FaultDescription,
    Priority? Priority,
    AppointmentWindow? Appointment,
    AddressInput? Address,
    bool? AllowDuplicate,
    Guid? StoreId);

public static class CreateWorkOrder
{
    /// <summary>What intake needs to know about the customer and appliance, read in the creating transaction.</summary>
    internal sealed class IntakeFacts
    {
        public Guid ApplianceId { get; init; }
        public Guid CustomerId { get; init; }
        public Guid ManufacturerId { get; init; }
        /// <summary>The customer's home store until <see cref="Routing"/> decides which store serves the order.</summary>
        public Guid StoreId { get; set; }
        public string Tier { get; init; } = "";
        public string Category { get; init; } = "";
        public string Manufacturer { get; init; } = "";
        public DateOnly? PurchaseDate { get; init; }
        public string TimeZone { get; set; } = "";
        public Stores.StoreZone Zone => Stores.StoreClock.Zone(TimeZone);
        public string? District { get; init; }
        public string? Street { get; init; }
        public double? Lat { get; init; }
        public double? Lon { get; init; }
    }

    internal const string FactsSql = """
        SELECT a.id AS appliance_id, c.id AS customer_id, a.manufacturer_id, c.store_id, c.tier, a.category, m.name AS manufacturer, a.purchase_date, s.time_zone,
               ad.district, ad.street, ad.lat, ad.lon
        FROM appliances a
        JOIN customers c ON c.id = a.customer_id
        JOIN manufacturers m ON m.id = a.manufacturer_id
        JOIN stores s ON s.id = c.store_id
        LEFT JOIN customer_addresses ad ON ad.customer_id = c.id AND ad.position = 0
        WHERE a.id = @ApplianceId
        """;
    internal const string OpenOrderSql = """
        SELECT id, number, status FROM work_orders
        WHERE appliance_id = @ApplianceId AND status IN ('New','Assigned','Accepted','EnRoute','OnSite','AwaitingParts')
        ORDER BY created_at
        """;

    /// <summary>An open order of an appliance: a new one would be duplicate intake unless intended.</summary>
    internal sealed class OpenOrder
    {
        public Guid Id { get; init; }
        public string Number { get; init; } = "";
        public string Status { get; init; } = "";
    }

    /// <summary>What a new order of an appliance gets now: the store-local day, the contract, the warranty decision, the SLA.</summary>
    internal sealed record IntakeTerms(DateOnly LocalDay, ContractTerms? Contract, WarrantyDecision Warranty, SlaDeadlines Sla);

    public static async Task<IResult> Handle(CreateWorkOrderRequest request, HttpContext http, Db db, TimeProvider clock,
        Dispatch.ITravelTimesProvider travel, Microsoft.Extensions.Options.IOptions<Notifications.NotificationOptions> notifications,
        Microsoft.Extensions.Options.IOptions<Dispatch.DispatchOptions> dispatch)
    {
        var me = http.Me();
        if (request.Appointment is { From: { } from, To: { } to } && from >= to)
            return Problems.Validation("appointment.to", Codes.Refusal.AppointmentToAfterFrom);
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var facts = await c.QuerySingleOrDefaultAsync<IntakeFacts>(FactsSql, new { request.ApplianceId }, tx);
            if (facts is null || facts.CustomerId != request.CustomerId)
                return Problems.Validation("applianceId", Codes.Refusal.NoSuchApplianceOfCustomer);
            var route = await Stores.Routing.DecideAsync(c, tx, me, request.StoreId, request.Address?.District ?? facts.District, facts.StoreId);
            if (route.Refusal is { } refused) return refused;
            (facts.StoreId, facts.TimeZone) = (route.StoreId, route.TimeZone);
            if (request.AllowDuplicate != true && await c.QueryFirstOrDefaultAsync<OpenOrder>(OpenOrderSql, new { request.ApplianceId }, tx) is { } open)
                return DuplicateIntake(open.Number);

            var order = await NewOrderAsync(db, c, tx, facts, request.Type!.Value, request.FaultDescription.Trim(), request.Priority ?? Priority.Normal, me, now);
            order.Source = request.Source!.Value;
            order.IntendedDuplicate = request.AllowDuplicate == true;
            order.AppointmentFrom = request.Appointment?.From?.ToUniversalTime();
            order.AppointmentTo = request.Appointment?.To?.ToUniversalTime();
            if (request.Address is { } address)
                (order.District, order.Street, order.Lat, order.Lon) = (address.District.Trim(), address.Street.Trim(), address.Lat, address.Lon);
            await InsertAsync(c, tx, order, me, now, reason: null);
            if (route.Routed is { } routed) await WorkOrderEvents.WriteAsync(c, tx, order.Id, me, now, "Routed", null, null, routed);
            StationMetrics.WorkOrdersCreated.Add(1, new KeyValuePair<string, object?>("store.id", order.StoreId));
            // An urgent call of today goes into today's applied plan; otherwise the store may dispatch it at once.
            if (order.Priority != Priority.Urgent
                || await Dispatch.UrgentInsertions.TryAsync(c, tx, order, me, now, dispatch.Value, travel) is not { TechnicianId: not null })
                await Dispatch.AutoDispatch.TryAsync(c, tx, order, me, now, travel, notifications.Value.Language);
            return Created(order, now);
        });
    }

    internal static IResult DuplicateIntake(string openNumber) => Problems.Conflict("duplicate-intake",
        Codes.Refusal.DuplicateIntake.With(openNumber),
        new Dictionary<string, object?> { ["openWorkOrder"] = openNumber });

    /// <summary>Number, warranty decision and SLA for a new order of this appliance; the caller sets the rest.</summary>
    internal static async Task<WorkOrder> NewOrderAsync(Db db, DbConnection c, DbTransaction tx, IntakeFacts facts, WorkOrderType type,
        string fault, Priority priority, CurrentUser me, DateTimeOffset now)
    {
        var (localDay, contract, warranty, sla) = await TermsAsync(c, tx, facts, priority, now);
        var order = new WorkOrder
        {
            Id = Guid.CreateVersion7(), StoreId = facts.StoreId, Number = await WorkOrderNumbers.NextAsync(db, c, tx, facts.StoreId, localDay),
            Type = type, Status = WorkOrderStatus.New, CustomerId = facts.CustomerId, ApplianceId = facts.ApplianceId, FaultDescription = fault, Priority = priority,
            District = facts.District, Street = facts.Street, Lat = facts.Lat, Lon = facts.Lon,
            AssignBy = sla.AssignBy, OnSiteBy = sla.OnSiteBy, CompleteBy = sla.CompleteBy, Version = 1,
            CreatedByUserId = me.Id, CreatedAt = now, UpdatedAt = now, ContractId = contract?.Id,
        };
        order.Apply(warranty);
        return order;
    }

    /// <summary>The warranty decision and SLA of a new order of this appliance, created now (also shown before it is: IntakePreview).</summary>
    internal static async Task<IntakeTerms> TermsAsync(DbConnection c, DbTransaction? tx, IntakeFacts facts, Priority priority, DateTimeOffset now)
    {
        var localDay = facts.Zone.DayOf(now);
        var contract = await ContractLookup.CoveringAsync(c, tx, facts.ManufacturerId, facts.Category, localDay);
        var warranty = WarrantyPolicy.Decide(new WarrantyFacts(facts.PurchaseDate, localDay, contract?.Warranty ?? WarrantyTerms.Default, null,
            ContractCoversBrandAndCategory: contract is not null, facts.Manufacturer, facts.Category));
        var sla = SlaPolicy.Tighten(SlaPolicy.Deadlines(now, priority, facts.Tier == "Vip"), now,
            contract?.SlaAssignHours, contract?.SlaOnSiteHours, contract?.SlaCompleteHours);
        return new IntakeTerms(localDay, contract, warranty, sla);
    }

    internal static async Task InsertAsync(DbConnection c, DbTransaction tx, WorkOrder order, CurrentUser me, DateTimeOffset now, Texts.Text? reason)
    {
        await c.ExecuteAsync(WorkOrder.InsertSql, order.Parameters(), tx);
        await WorkOrderEvents.WriteAsync(c, tx, order.Id, me, now, "Created", null, WorkOrderStatus.New, reason);
    }

    internal static IResult Created(WorkOrder order, DateTimeOffset now) => new WithETag(order.ETag,
        TypedResults.Created($"/api/v1/work-orders/{order.Id}", WorkOrderResponse.From(order, now)));
}
