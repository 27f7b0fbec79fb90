namespace RepairDispatch.Api.WorkOrders;

/// <param name="Reason">In the caller's language; <paramref name="ReasonCode"/> is the same text as a stable code with arguments.</param>
public sealed record WarrantyView(bool InWarranty, Payer Payer, string Reason, Texts.Text ReasonCode, WarrantyCoverage Coverage, bool Claimable)
{
    public static WarrantyView Of(bool inWarranty, Payer payer, Texts.Text reason, WarrantyCoverage coverage, bool claimable) =>
        new(inWarranty, payer, reason.Render(), reason, coverage, claimable);
}
public sealed record SlaView(DateTimeOffset AssignBy, DateTimeOffset OnSiteBy, DateTimeOffset CompleteBy, bool Breached, bool Paused);
public sealed record AddressView(string? District, string? Street, double? Lat, double? Lon);
public sealed record WindowView(DateTimeOffset From, DateTimeOffset To);
/// <param name="Sequence">Position on the technician's route that day (1 = first).</param>
public sealed record RouteView(int Sequence, DateTimeOffset? PlannedArrival);
public sealed record ResolutionView(RepairLevel? RepairLevel, string? FailedPart, bool? MainPart, long? LabourMinutes, string? Notes, long? CustomerRating);

public sealed record WorkOrderResponse(
    Guid Id, string Number, WorkOrderType Type, WorkOrderSource Source, WorkOrderStatus Status, Guid StoreId,
    Guid CustomerId, Guid ApplianceId, Guid? TechnicianId, Guid? InstallerPartnerId, Priority Priority,
    string FaultDescription, AddressView? Address, WindowView? Appointment, WarrantyView Warranty, SlaView Sla,
    Guid? ReworkOfId, Guid? ContractId, bool IntendedDuplicate, long Visits, ResolutionView? Resolution, RouteView? Route, long Version,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The parts requests naming this order and when each should arrive; filled on GET /work-orders/{id} only.</summary>
    public IReadOnlyList<Stock.OrderPartsRequest>? PartsRequests { get; init; }

    public static WorkOrderResponse From(WorkOrder o, DateTimeOffset now)
    {
        var sla = new SlaDeadlines(o.AssignBy, o.OnSiteBy, o.CompleteBy);
        var done = o.CompletedAt ?? o.CancelledAt;
        var breached = SlaPolicy.IsBreached(sla, o.AssignedAt, o.OnSiteAt ?? o.CancelledAt, done, o.SlaPausedAt, o.CancelledAt ?? now);
        return new WorkOrderResponse(o.Id, o.Number, o.Type, o.Source, o.Status, o.StoreId, o.CustomerId, o.ApplianceId,
            o.TechnicianId, o.InstallerPartnerId, o.Priority, o.FaultDescription,
            o.District is null && o.Street is null ? null : new AddressView(o.District, o.Street, o.Lat, o.Lon),
            o.AppointmentFrom is { } from && o.AppointmentTo is { } to ? new WindowView(from, to) : null,
            WarrantyView.Of(o.InWarranty, o.Payer, o.WarrantyReason, o.WarrantyCoverage, o.Claimable),
            new SlaView(o.AssignBy, o.OnSiteBy, o.CompleteBy, breached, o.SlaPausedAt is not null),
            o.ReworkOfId, o.ContractId, o.IntendedDuplicate, o.Visits,
            o.CompletedAt is null ? null : new ResolutionView(o.RepairLevel, o.FailedPart, o.MainPart, o.LabourMinutes, o.ResolutionNotes, o.CustomerRating),
            o.RouteSequence is { } seq ? new RouteView((int)seq, o.PlannedArrival) : null,
            o.Version, o.CreatedAt, o.UpdatedAt);
    }
}
