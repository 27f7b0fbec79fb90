using RepairDispatch.Api.Stores;

namespace RepairDispatch.Api.Kpis;

/// <summary>One order's contribution to every figure of docs/kpis.md; a row of kpi_order_facts.</summary>
public sealed record KpiFact(
    Guid WorkOrderId, Guid StoreId, Guid? TechnicianId, Guid ManufacturerId, string Category, string Type,
    DateOnly CreatedDay, DateOnly? CompletedDay,
    int? AssignMinutes, int? OnSiteMinutes, int? CompleteMinutes, bool? AssignMet, bool? OnSiteMet, bool? CompleteMet,
    bool SecondVisit, bool Reworked, int? Satisfaction, int Complaints, int ServiceMinutes, int ShiftMinutes,
    long InstallationManagementFen, long ManufacturerRepairFen, long ManufacturerInstallationFen, long CustomerRepairFen,
    long PartsFen, long CallbackFen, bool? ClaimFirstPass, int OldPartsOnTime, int OldPartsLate, int OldPartsOpen, DateOnly? OldPartsOpenDue);

public sealed record KpiStep(DateTimeOffset At, string ToStatus);
public sealed record KpiCharge(string Party, string Kind, long Fen);
public sealed record KpiOldPart(string Status, DateOnly? DueOn, DateTimeOffset? ShippedAt);

/// <summary>Everything the figures of one order are worked out from, as read from the database.</summary>
public sealed record KpiOrderState(
    Guid Id, Guid StoreId, Guid? TechnicianId, Guid ManufacturerId, string Category, string Type, string Status,
    DateTimeOffset CreatedAt, DateTimeOffset AssignBy, DateTimeOffset OnSiteBy, DateTimeOffset CompleteBy,
    int? LabourMinutes, int? CustomerRating, bool ByPartner, StoreZone Zone, int ShiftMinutes,
    IReadOnlyList<KpiStep> Steps, IReadOnlyList<DateTimeOffset> ReworksCreatedAt, int? CallbackSatisfaction, int Complaints,
    IReadOnlyList<KpiCharge> Charges, IReadOnlySet<string> Breaches, string? FirstSettlementOutcome, bool Resubmitted,
    IReadOnlyList<KpiOldPart> OldParts);

/// <summary>The definitions of docs/kpis.md as code: an order's state in, its fact row out (no clock, no database).</summary>
public static class KpiFacts
{
    /// <summary>A rework counts against the repair when created within this many store-local days after its completion.</summary>
    public const int ReworkWindowDays = 30;

    private static readonly HashSet<string> Dispatched = ["Assigned", "Accepted", "EnRoute", "OnSite", "AwaitingParts", "Completed", "Closed"];

    public static KpiFact Of(KpiOrderState o)
    {
        var steps = o.Steps.OrderBy(s => s.At).ToList();
        var pauses = Pauses(steps);
        var assigned = steps.FirstOrDefault(s => Dispatched.Contains(s.ToStatus))?.At;
        var onSite = steps.FirstOrDefault(s => s.ToStatus == "OnSite")?.At;
        var completed = o.Status is "Completed" or "Closed" ? steps.LastOrDefault(s => s.ToStatus == "Completed")?.At : null;
        var completedDay = completed is { } c ? o.Zone.DayOf(c) : (DateOnly?)null;
        int? Minutes(DateTimeOffset? to) => to is { } t ? (int)Math.Max(0, Math.Floor((t - o.CreatedAt - Paused(pauses, o.CreatedAt, t)).TotalMinutes)) : null;
        bool? Met(string deadline, DateTimeOffset? reached, DateTimeOffset due) =>
            o.Breaches.Contains(deadline) ? false : reached is { } r ? r <= due : null;

        var revenue = new Dictionary<string, long>();
        foreach (var ch in o.Charges)
            if (Reports.RevenueReport.SourceOf(ch.Party, ch.Kind, o.ByPartner) is { } source)
                revenue[source] = revenue.GetValueOrDefault(source) + ch.Fen;
        long Revenue(string source) => completed is null ? 0 : revenue.GetValueOrDefault(source);

        int onTime = 0, late = 0, open = 0;
        DateOnly? openDue = null;
        foreach (var part in o.OldParts)
        {
            if (part.ShippedAt is { } shipped)
            {
                if (part.DueOn is null || o.Zone.DayOf(shipped) <= part.DueOn) onTime++; else late++;
            }
            else if (part.Status is "Lost" or "Scrapped") late++;
            else
            {
                open++;
                if (part.DueOn is { } due && (openDue is null || due > openDue)) openDue = due;
            }
        }

        return new KpiFact(o.Id, o.StoreId, o.TechnicianId, o.ManufacturerId, o.Category, o.Type,
            o.Zone.DayOf(o.CreatedAt), completedDay,
            Minutes(assigned), Minutes(onSite), Minutes(completed),
            Met("Assign", assigned, o.AssignBy), Met("OnSite", onSite, o.OnSiteBy), Met("Complete", completed, o.CompleteBy),
            SecondVisit: steps.Any(s => s.ToStatus == "AwaitingParts"),
            Reworked: completedDay is { } day && o.ReworksCreatedAt.Any(r => o.Zone.DayOf(r) <= day.AddDays(ReworkWindowDays)),
            Satisfaction: completed is null ? null : o.CallbackSatisfaction ?? o.CustomerRating,
            Complaints: o.Complaints,
            ServiceMinutes: completed is null ? 0 : o.LabourMinutes ?? 0,
            o.ShiftMinutes,
            Revenue("InstallationManagementFees"), Revenue("ManufacturerRepairFees"), Revenue("ManufacturerInstallationFees"),
            Revenue("CustomerRepairs"), Revenue("Parts"), Revenue("CallbackFees"),
            ClaimFirstPass: o.FirstSettlementOutcome is null ? null : o.FirstSettlementOutcome == "Matched" && !o.Resubmitted,
            onTime, late, open, openDue);
    }

    /// <summary>The spans spent awaiting parts: from a step into AwaitingParts to the next step out of it (open: to the end of time).</summary>
    private static List<(DateTimeOffset From, DateTimeOffset To)> Pauses(List<KpiStep> steps)
    {
        var pauses = new List<(DateTimeOffset, DateTimeOffset)>();
        DateTimeOffset? since = null;
        foreach (var s in steps)
        {
            if (s.ToStatus == "AwaitingParts") since ??= s.At;
            else if (since is { } f) { pauses.Add((f, s.At)); since = null; }
        }
        if (since is { } open) pauses.Add((open, DateTimeOffset.MaxValue));
        return pauses;
    }

    private static TimeSpan Paused(List<(DateTimeOffset From, DateTimeOffset To)> pauses, DateTimeOffset from, DateTimeOffset to)
    {
        var total = TimeSpan.Zero;
        foreach (var (f, t) in pauses)
        {
            var start = f > from ? f : from;
            var end = t < to ? t : to;
            if (end > start) total += end - start;
        }
        return total;
    }
}
