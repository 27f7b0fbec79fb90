namespace RepairDispatch.Api.Texts;

public static partial class Codes
{
    /// <summary>People's own words (a cancel reason, a manager's override): shown as written in every language.</summary>
    public static readonly Code Said = new("text.said", "text");

    /// <summary>The kinds of work-order events (`event.{kind}`), each a word of the timeline.</summary>
    public static readonly IReadOnlyList<string> EventKinds =
    [
        .. Enum.GetNames<WorkOrders.WorkOrderAction>(),
        "Created", "Updated", "WarrantyOverridden", "SlaBreached", "ReworkOpened", "UrgentNotInserted", "PaymentReceived", "AutoAssigned",
        "Routed", "Transferred", .. Public.EventKinds,
    ];

    public static Text EventKind(string kind) => Text.Of("event." + kind);

    /// <summary>The fields a PATCH may change, as words (`field.{name}`).</summary>
    public static readonly IReadOnlyList<string> PatchFields = ["faultDescription", "priority", "appointment", "address", "warrantyOverride"];

    /// <summary>The SLA deadlines as words (`sla-deadline.{name}`).</summary>
    public static readonly IReadOnlyList<string> SlaDeadlines = ["Assign", "OnSite", "Complete"];

    /// <summary>What the system wrote beside an event.</summary>
    public static class Event
    {
        public static readonly Code SlaBreached = new("event.sla-breached", "deadline", "dueAt");
        public static readonly Code ReworkOpened = new("event.rework-opened", "number");
        public static readonly Code ReworkOf = new("event.rework-of", "number");
        public static readonly Code UrgentInserted = new("event.urgent-inserted");
        public static readonly Code DayPlan = new("event.day-plan", "day");
        public static readonly Code Payment = new("event.payment", "amount", "method");
        public static readonly Code AutoDispatch = new("event.auto-dispatch", "name", "score", "reasons");
        public static readonly Code Changed = new("event.changed", "fields");
    }

    /// <summary>Customer and manager messages (`message.{template}`), with the values each is sent with.</summary>
    public static class Message
    {
        public static readonly Code AppointmentConfirmed = new("message.AppointmentConfirmed", "number", "technician", "window", "link");
        public static readonly Code TechnicianOnTheWay = new("message.TechnicianOnTheWay", "technician", "number", "link");
        public static readonly Code JobDone = new("message.JobDone", "number", "callbackOn");
        public static readonly Code SlaBreached = new("message.SlaBreached", "number", "deadline", "dueAt");
        public static readonly Code ComplaintOpened = new("message.ComplaintOpened", "customer", "number", "satisfaction");
    }

    /// <summary>A complaint the system opened.</summary>
    public static class Complaint
    {
        public static readonly Code FromCallback = new("complaint.from-callback", "satisfaction");
        public static readonly Code FromCallbackWithComment = new("complaint.from-callback-comment", "satisfaction", "comment");
    }

    /// <summary>An instant in texts: UTC, to the minute, the same in every language.</summary>
    public static string Instant(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
