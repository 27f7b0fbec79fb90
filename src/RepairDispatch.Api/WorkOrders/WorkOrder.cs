using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Api.WorkOrders;

/// <summary>
/// A work order as stored. Handlers load it, change it in memory, and <see cref="SaveAsync"/> writes the
/// changeable columns back only if nobody changed the row meanwhile (optimistic version check).
/// </summary>
public sealed class WorkOrder
{
    public Guid Id { get; set; }
    public Guid StoreId { get; set; }
    public string Number { get; set; } = "";
    public WorkOrderType Type { get; set; }
    public WorkOrderSource Source { get; set; }
    public WorkOrderStatus Status { get; set; }
    public Guid CustomerId { get; set; }
    public Guid ApplianceId { get; set; }
    public string? District { get; set; }
    public string? Street { get; set; }
    public double? Lat { get; set; }
    public double? Lon { get; set; }
    public string FaultDescription { get; set; } = "";
    public Priority Priority { get; set; }
    public DateTimeOffset? AppointmentFrom { get; set; }
    public DateTimeOffset? AppointmentTo { get; set; }
    public Guid? TechnicianId { get; set; }
    public Guid? InstallerPartnerId { get; set; }
    public bool InWarranty { get; set; }
    public WarrantyCoverage WarrantyCoverage { get; set; }
    public Payer Payer { get; set; }
    public bool Claimable { get; set; }
    public string WarrantyReasonCode { get; set; } = "";
    public string? WarrantyReasonArgs { get; set; }
    public Texts.Text WarrantyReason => Texts.Text.Stored(WarrantyReasonCode, WarrantyReasonArgs);
    public DateTimeOffset AssignBy { get; set; }
    public DateTimeOffset OnSiteBy { get; set; }
    public DateTimeOffset CompleteBy { get; set; }
    public DateTimeOffset? SlaPausedAt { get; set; }
    public Guid? ReworkOfId { get; set; }
    public Guid? ContractId { get; set; }
    public bool IntendedDuplicate { get; set; }
    public long Visits { get; set; }
    public RepairLevel? RepairLevel { get; set; }
    public string? FailedPart { get; set; }
    public bool? MainPart { get; set; }
    public long? LabourMinutes { get; set; }
    public string? ResolutionNotes { get; set; }
    public long? CustomerRating { get; set; }
    public long Version { get; set; }
    public Guid CreatedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }
    public DateTimeOffset? OnSiteAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>The store-local month (yyyy-MM) of completion: the settlement period the order belongs to.</summary>
    public string? CompletedPeriod { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    /// <summary>The position on the technician's route for the day, from the applied day plan or an urgent insertion.</summary>
    public long? RouteSequence { get; set; }
    public DateTimeOffset? PlannedArrival { get; set; }

    public const string Columns = """
        id, store_id, number, type, source, status, customer_id, appliance_id, district, street, lat, lon, fault_description,
        priority, appointment_from, appointment_to, technician_id, installer_partner_id, in_warranty, warranty_coverage, payer,
        claimable, warranty_reason_code, warranty_reason_args, assign_by, on_site_by, complete_by, sla_paused_at, rework_of_id, contract_id, intended_duplicate, visits,
        repair_level, failed_part, main_part, labour_minutes, resolution_notes, customer_rating, version, created_by_user_id,
        created_at, updated_at, assigned_at, on_site_at, completed_at, completed_period, closed_at, cancelled_at, route_sequence, planned_arrival
        """;

    private const string LoadSql = "SELECT " + Columns + " FROM work_orders WHERE id = @Id";

    public const string InsertSql = """
        INSERT INTO work_orders (id, store_id, number, type, source, status, customer_id, appliance_id, district, street, lat, lon,
            fault_description, priority, appointment_from, appointment_to, in_warranty, warranty_coverage, payer, claimable,
            warranty_reason_code, warranty_reason_args, assign_by, on_site_by, complete_by, rework_of_id, contract_id, intended_duplicate, visits, version,
            created_by_user_id, created_at, updated_at)
        VALUES (@Id, @StoreId, @Number, @Type, @Source, @Status, @CustomerId, @ApplianceId, @District, @Street, @Lat, @Lon,
            @FaultDescription, @Priority, @AppointmentFrom, @AppointmentTo, @InWarranty, @WarrantyCoverage, @Payer, @Claimable,
            @WarrantyReasonCode, @WarrantyReasonArgs, @AssignBy, @OnSiteBy, @CompleteBy, @ReworkOfId, @ContractId, @IntendedDuplicate, 0, 1,
            @CreatedByUserId, @CreatedAt, @UpdatedAt)
        """;

    private const string SaveSql = """
        UPDATE work_orders SET status = @Status, district = @District, street = @Street, lat = @Lat, lon = @Lon,
            fault_description = @FaultDescription, priority = @Priority, appointment_from = @AppointmentFrom,
            appointment_to = @AppointmentTo, technician_id = @TechnicianId, installer_partner_id = @InstallerPartnerId,
            in_warranty = @InWarranty, warranty_coverage = @WarrantyCoverage, payer = @Payer, claimable = @Claimable,
            warranty_reason_code = @WarrantyReasonCode, warranty_reason_args = @WarrantyReasonArgs, assign_by = @AssignBy, on_site_by = @OnSiteBy, complete_by = @CompleteBy,
            sla_paused_at = @SlaPausedAt, visits = @Visits, repair_level = @RepairLevel, failed_part = @FailedPart,
            main_part = @MainPart, labour_minutes = @LabourMinutes, resolution_notes = @ResolutionNotes,
            customer_rating = @CustomerRating, version = @Version + 1, updated_at = @UpdatedAt, assigned_at = @AssignedAt,
            on_site_at = @OnSiteAt, completed_at = @CompletedAt, completed_period = @CompletedPeriod, closed_at = @ClosedAt, cancelled_at = @CancelledAt,
            route_sequence = @RouteSequence, planned_arrival = @PlannedArrival
        WHERE id = @Id AND version = @Version
        """;

    /// <summary>The hot read path of GET by id, outside any transaction.</summary>
    public static Task<WorkOrder?> LoadAsync(Infrastructure.Db db, Guid id) => db.QueryByIdAsync<WorkOrder>(LoadSql, id);

    public static Task<WorkOrder?> LoadAsync(DbConnection c, DbTransaction? tx, Guid id) =>
        c.QuerySingleOrDefaultAsync<WorkOrder>(LoadSql, new { Id = id }, tx);

    /// <summary>
    /// Writes the order, or throws <see cref="ConcurrencyConflictException"/> when another writer got there first (the
    /// version moved on): the unit of work then rolls back and runs again from fresh state, so no caller can ignore it.
    /// </summary>
    public async Task SaveAsync(DbConnection c, DbTransaction tx, DateTimeOffset now)
    {
        await WriteRaces.BeforeVersionedWriteAsync(c, tx, "work_orders", Id);
        UpdatedAt = now;
        if (await c.ExecuteAsync(SaveSql, Parameters(), tx) != 1) throw new ConcurrencyConflictException("work_orders", Id);
        Version++;
    }

    /// <summary>Enums go to the database as their names (text columns with CHECK constraints).</summary>
    public object Parameters() => new
    {
        Id, StoreId, Number, Type = Type.ToString(), Source = Source.ToString(), Status = Status.ToString(), CustomerId, ApplianceId,
        District, Street, Lat, Lon, FaultDescription, Priority = Priority.ToString(), AppointmentFrom, AppointmentTo, TechnicianId,
        InstallerPartnerId, InWarranty, WarrantyCoverage = WarrantyCoverage.ToString(), Payer = Payer.ToString(), Claimable,
        WarrantyReasonCode, WarrantyReasonArgs, AssignBy, OnSiteBy, CompleteBy, SlaPausedAt, ReworkOfId, ContractId, IntendedDuplicate, Visits,
        RepairLevel = RepairLevel?.ToString(), FailedPart, MainPart, LabourMinutes, ResolutionNotes, CustomerRating, Version,
        CreatedByUserId, CreatedAt, UpdatedAt, AssignedAt, OnSiteAt, CompletedAt, CompletedPeriod, ClosedAt, CancelledAt,
        RouteSequence, PlannedArrival,
    };

    /// <summary>A technician sees only jobs assigned to them; store staff their store; headquarters everything.</summary>
    public bool IsVisibleTo(CurrentUser me) =>
        me.IsTechnician ? me.TechnicianId is not null && TechnicianId == me.TechnicianId : me.SeesStore(StoreId);

    public string ETag => $"\"{Version}\"";

    public void Apply(WarrantyDecision decision)
    {
        InWarranty = decision.InWarranty;
        Payer = decision.Payer;
        WarrantyCoverage = decision.Coverage;
        Claimable = decision.Claimable;
        WarrantyReasonCode = decision.Reason.Code;
        WarrantyReasonArgs = decision.Reason.StoredArgs();
    }
}
