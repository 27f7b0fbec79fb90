namespace RepairDispatch.Api.WorkOrders;

public sealed record SlaDeadlines(DateTimeOffset AssignBy, DateTimeOffset OnSiteBy, DateTimeOffset CompleteBy);

/// <summary>
/// Default SLA of domain.md: Normal 4 h to assign, 24 h on site, 72 h complete; Urgent or VIP 1 h / 4 h / 24 h.
/// The clock pauses while an order waits for parts: resuming moves the open deadlines by the time paused.
/// </summary>
public static class SlaPolicy
{
    public static SlaDeadlines Deadlines(DateTimeOffset createdAt, Priority priority, bool vipCustomer) =>
        priority == Priority.Urgent || vipCustomer
            ? new(createdAt.AddHours(1), createdAt.AddHours(4), createdAt.AddHours(24))
            : new(createdAt.AddHours(4), createdAt.AddHours(24), createdAt.AddHours(72));

    /// <summary>A contract may promise faster service than the default; it never loosens the default.</summary>
    public static SlaDeadlines Tighten(SlaDeadlines sla, DateTimeOffset createdAt, long? assignHours, long? onSiteHours, long? completeHours)
    {
        static DateTimeOffset Min(DateTimeOffset d, DateTimeOffset created, long? hours) =>
            hours is { } h && created.AddHours(h) < d ? created.AddHours(h) : d;
        return new(Min(sla.AssignBy, createdAt, assignHours), Min(sla.OnSiteBy, createdAt, onSiteHours), Min(sla.CompleteBy, createdAt, completeHours));
    }

    /// <summary>A deadline is breached when its milestone came (or, still missing, "now" is) after it; paused time does not count.</summary>
    public static bool IsBreached(SlaDeadlines sla, DateTimeOffset? assignedAt, DateTimeOffset? onSiteAt, DateTimeOffset? doneAt,
        DateTimeOffset? pausedAt, DateTimeOffset now)
    {
        var clock = pausedAt ?? now;
        return Late(sla.AssignBy, assignedAt, clock) || Late(sla.OnSiteBy, onSiteAt, clock) || Late(sla.CompleteBy, doneAt, clock);
    }

    private static bool Late(DateTimeOffset deadline, DateTimeOffset? reachedAt, DateTimeOffset clock) => (reachedAt ?? clock) > deadline;
}
