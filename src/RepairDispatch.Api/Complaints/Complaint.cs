using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Complaints;

public enum ComplaintSource { Phone, Callback, Manufacturer }
public enum ComplaintSeverity { Low, Normal, High }
public enum ComplaintStatus { Open, Assigned, Resolved, Closed }

public sealed record ComplaintView(Guid Id, Guid StoreId, ComplaintSource Source, ComplaintSeverity Severity, ComplaintStatus Status,
    Guid CustomerId, Guid? WorkOrderId, Guid? TechnicianId, Guid? CallbackId, string Description, Text? DescriptionCode, Guid? OwnerUserId, string? Resolution,
    DateTimeOffset RespondBy, DateTimeOffset? RespondedAt, bool ResponseOverdue, DateTimeOffset? ResolvedAt, DateTimeOffset? ClosedAt,
    long Version, DateTimeOffset CreatedAt, bool? Upheld = null);

/// <summary>A complaint (投诉) and its response SLA: someone must take it on (assign) within 4 h when High, else 24 h.</summary>
public sealed class Complaint
{
    public const string Columns = """
        id, store_id, source, severity, status, customer_id, work_order_id, technician_id, callback_id, description, description_code, description_args, owner_user_id,
        resolution, respond_by, responded_at, resolved_at, closed_at, version, created_by_user_id, created_at, upheld
        """;
    private const string InsertSql = """
        INSERT INTO complaints (id, store_id, source, severity, status, customer_id, work_order_id, technician_id, callback_id, description,
            description_code, description_args, respond_by, version, created_by_user_id, created_at)
        VALUES (@Id, @StoreId, @Source, @Severity, 'Open', @CustomerId, @WorkOrderId, @TechnicianId, @CallbackId, @Description,
            @DescriptionCode, @DescriptionArgs, @RespondBy, 1, @CreatedByUserId, @CreatedAt)
        """;

    public Guid Id { get; init; }
    public Guid StoreId { get; init; }
    public ComplaintSource Source { get; init; }
    public ComplaintSeverity Severity { get; init; }
    public ComplaintStatus Status { get; set; }
    public Guid CustomerId { get; init; }
    public Guid? WorkOrderId { get; init; }
    public Guid? TechnicianId { get; init; }
    public Guid? CallbackId { get; init; }
    /// <summary>What the customer or clerk said, as written; a complaint the system opened also has a coded text.</summary>
    public string Description { get; init; } = "";
    public string? DescriptionCode { get; init; }
    public string? DescriptionArgs { get; init; }
    public Guid? OwnerUserId { get; set; }
    public string? Resolution { get; set; }
    public DateTimeOffset RespondBy { get; init; }
    public DateTimeOffset? RespondedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public bool? Upheld { get; set; }
    public long Version { get; set; }
    public Guid CreatedByUserId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public static TimeSpan ResponseTime(ComplaintSeverity severity) => severity == ComplaintSeverity.High ? TimeSpan.FromHours(4) : TimeSpan.FromHours(24);

    public ComplaintView View(DateTimeOffset now)
    {
        var description = Text.StoredOrSaid(DescriptionCode, DescriptionArgs, Description);
        return new(Id, StoreId, Source, Severity, Status, CustomerId, WorkOrderId, TechnicianId, CallbackId,
        description?.Render() ?? "", description, OwnerUserId, Resolution, RespondBy, RespondedAt, RespondedAt is null ? now > RespondBy : RespondedAt > RespondBy,
        ResolvedAt, ClosedAt, Version, CreatedAt, Upheld);
    }

    public Task InsertAsync(DbConnection c, DbTransaction tx) => c.ExecuteAsync(InsertSql, new
    {
        Id, StoreId, Source = Source.ToString(), Severity = Severity.ToString(), CustomerId, WorkOrderId, TechnicianId, CallbackId,
        Description, DescriptionCode, DescriptionArgs, RespondBy, CreatedByUserId, CreatedAt,
    }, tx);
}
