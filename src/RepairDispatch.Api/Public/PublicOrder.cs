using Dapper;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Public;

public sealed record PublicStep(DateTimeOffset At, string Kind, string Text);

/// <summary>
/// What the customer's page shows, and nothing more: no address beyond the district, the phone masked, no staff names
/// but the technician's, no reasons typed by staff, no other order.
/// </summary>
/// <param name="Appointment">The arrival window booked, if any.</param>
/// <param name="OfferedWindows">Where the appointment may move, while <paramref name="CanReschedule"/>.</param>
/// <param name="Satisfaction">The customer's rating, once given.</param>
/// <param name="TimeZone">The store's zone (IANA), in which the page shows every time.</param>
public sealed record PublicOrderView(string Number, WorkOrderStatus Status, string StatusText, string? Technician, Window? Appointment,
    string? District, string Phone, string Appliance, IReadOnlyList<PublicStep> Timeline, bool CanReschedule, bool CanCancel, bool CanRate,
    IReadOnlyList<Window> OfferedWindows, int? Satisfaction, string TimeZone);

public static class PublicOrder
{
    private const string FactsSql = """
        SELECT t.name AS technician, p.phone, a.category, a.model, s.time_zone
        FROM work_orders w
        JOIN appliances a ON a.id = w.appliance_id
        JOIN stores s ON s.id = w.store_id
        LEFT JOIN technicians t ON t.id = w.technician_id
        LEFT JOIN customer_phones p ON p.customer_id = w.customer_id AND p.position = 0
        WHERE w.id = @Id
        """;
    private const string StepsSql = """
        SELECT occurred_at, kind FROM work_order_events
        WHERE work_order_id = @Id AND kind IN ('Created','Assign','AutoAssigned','Accept','Depart','Arrive','AwaitParts','Complete','Close','Cancel','Rescheduled','Rated')
        ORDER BY occurred_at, at
        """;

    public static async Task<IResult> Get(string token, Db db, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        await using var c = await db.OpenAsync();
        var link = await PublicLinks.FindAsync(c, null, token, LinkKind.Order, now);
        if (link is null) return Problems.NotFound(Codes.Public.Link);
        var order = (await WorkOrder.LoadAsync(c, null, link.WorkOrderId!.Value))!;
        return TypedResults.Ok(await ViewAsync(c, order, now));
    }

    internal static async Task<PublicOrderView> ViewAsync(System.Data.Common.DbConnection c, WorkOrder order, DateTimeOffset now,
        System.Data.Common.DbTransaction? tx = null)
    {
        var facts = await c.QuerySingleAsync<Facts>(FactsSql, new { order.Id }, tx);
        var steps = await c.QueryAsync<Step>(StepsSql, new { order.Id }, tx);
        var booked = Booked(order);
        var canReschedule = PublicRules.CanReschedule(order.Status);
        return new PublicOrderView(order.Number, order.Status, Codes.Word(order.Status).Render(), facts.Technician, booked, order.District,
            Mask.Phone(facts.Phone ?? ""), $"{Codes.Category(facts.Category).Render()} {facts.Model}",
            [.. steps.Select(s => new PublicStep(s.OccurredAt, s.Kind, Codes.EventKind(s.Kind).Render()))],
            canReschedule, PublicRules.CanCancel(order.Status), PublicRules.CanRate(order),
            canReschedule ? OfferedWindows.For(Stores.StoreClock.Zone(facts.TimeZone), now, booked) : [], (int?)order.CustomerRating, facts.TimeZone);
    }

    internal static Window? Booked(WorkOrder order) =>
        order is { AppointmentFrom: { } from, AppointmentTo: { } to } ? new Window(from, to) : null;

    private sealed class Step
    {
        public DateTimeOffset OccurredAt { get; init; }
        public string Kind { get; init; } = "";
    }

    private sealed class Facts
    {
        public string? Technician { get; init; }
        public string? Phone { get; init; }
        public string Category { get; init; } = "";
        public string Model { get; init; } = "";
        public string TimeZone { get; init; } = "";
    }
}

/// <summary>What a customer may do by status: move the visit before the technician leaves, cancel before dispatch, rate when done.</summary>
public static class PublicRules
{
    public static bool CanReschedule(WorkOrderStatus status) => status is WorkOrderStatus.New or WorkOrderStatus.Assigned or WorkOrderStatus.Accepted;
    public static bool CanCancel(WorkOrderStatus status) => status == WorkOrderStatus.New;
    public static bool CanRate(WorkOrder order) => order.Status is WorkOrderStatus.Completed or WorkOrderStatus.Closed && order.CustomerRating is null;
}
