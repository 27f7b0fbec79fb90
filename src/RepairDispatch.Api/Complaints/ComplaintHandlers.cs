using System.ComponentModel.DataAnnotations;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Complaints;

public sealed record CreateComplaintRequest(
    [property: Required] ComplaintSource? Source,
    ComplaintSeverity? Severity,
    [property: Required] Guid? CustomerId,
    Guid? WorkOrderId,
    [property: Required, StringLength(2000, MinimumLength = 1)] string Description);

public sealed record AssignComplaintRequest([property: Required] Guid? OwnerUserId);

/// <param name="Upheld">The complaint was justified and the technician at fault: it costs him the UpheldComplaint deduction (docs/payroll.md).</param>
public sealed record ResolveComplaintRequest([property: Required, StringLength(2000, MinimumLength = 1)] string Resolution, bool? Upheld = null);

/// <summary>Complaints (投诉): taken by the front desk, owned by a member of staff, resolved with a resolution, closed.</summary>
public static class ComplaintHandlers
{
    private const string CustomerStoreSql = "SELECT store_id FROM customers WHERE id = @CustomerId";
    private const string OrderSql = "SELECT customer_id, technician_id, store_id FROM work_orders WHERE id = @WorkOrderId";
    private const string LoadSql = "SELECT " + Complaint.Columns + " FROM complaints WHERE id = @Id";
    private const string OwnerSql = "SELECT COUNT(*) FROM users WHERE id = @Id AND active = 1 AND role <> 'technician' AND (store_id IS NULL OR store_id = @StoreId)";
    private const string SaveSql = """
        UPDATE complaints SET status = @Status, owner_user_id = @OwnerUserId, resolution = @Resolution, responded_at = @RespondedAt,
               resolved_at = @ResolvedAt, closed_at = @ClosedAt, upheld = @Upheld, version = version + 1
        WHERE id = @Id AND version = @Version
        """;
    private const string Filter = """
         FROM complaints
        WHERE (@StoreId IS NULL OR store_id = @StoreId) AND (@Status IS NULL OR status = @Status)
          AND (@OwnerUserId IS NULL OR owner_user_id = @OwnerUserId) AND (@TechnicianId IS NULL OR technician_id = @TechnicianId)
          AND (@WorkOrderId IS NULL OR work_order_id = @WorkOrderId)
        ORDER BY created_at DESC, id DESC
        """;
    private static readonly DialectSql ListSql = Paging.FirstRows("SELECT " + Complaint.Columns + Filter);

    public static async Task<IResult> Create(CreateComplaintRequest request, HttpContext http, Db db, TimeProvider clock)
    {
        var me = http.Me();
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            // The customer archive is the chain's; a complaint about an order belongs to the order's store, else to the caller's.
            var storeId = await c.ExecuteScalarAsync<Guid?>(CustomerStoreSql, new { request.CustomerId }, tx);
            if (storeId is null) return Problems.Validation("customerId", Codes.Refusal.NoSuchCustomer);
            storeId = me.StoreId ?? storeId;
            Guid? technicianId = null;
            if (request.WorkOrderId is { } orderId)
            {
                var order = await c.QuerySingleOrDefaultAsync<OrderRow>(OrderSql, new { WorkOrderId = orderId }, tx);
                if (order is null || order.CustomerId != request.CustomerId || !me.SeesStore(order.StoreId))
                    return Problems.Validation("workOrderId", Codes.Refusal.NoSuchOrderOfCustomer);
                (technicianId, storeId) = (order.TechnicianId, order.StoreId);
            }
            var severity = request.Severity ?? ComplaintSeverity.Normal;
            var complaint = new Complaint
            {
                Id = Guid.CreateVersion7(), StoreId = storeId.Value, Source = request.Source!.Value, Severity = severity, Status = ComplaintStatus.Open,
                CustomerId = request.CustomerId!.Value, WorkOrderId = request.WorkOrderId, TechnicianId = technicianId,
                Description = request.Description.Trim(), RespondBy = now + Complaint.ResponseTime(severity), Version = 1,
                CreatedByUserId = me.Id, CreatedAt = now,
            };
            await complaint.InsertAsync(c, tx);
            return TypedResults.Created($"/api/v1/complaints/{complaint.Id}", complaint.View(now));
        });
    }

    public static async Task<IResult> List(HttpContext http, Db db, TimeProvider clock, ComplaintStatus? status, Guid? ownerUserId,
        Guid? technicianId, Guid? workOrderId, Guid? storeId, int? pageSize)
    {
        if (pageSize is < 1 or > 200) return Problems.Validation("pageSize", Codes.Refusal.Between1And200);
        var me = http.Me();
        if (me.StoreId is { } own && storeId is not null && storeId != own) return Problems.Validation("storeId", Codes.Refusal.OwnStoreOnly);
        await using var c = await db.OpenAsync();
        var rows = await c.QueryAsync<Complaint>(db.Sql(ListSql), new
        {
            StoreId = me.StoreId ?? storeId, Status = status?.ToString(), OwnerUserId = ownerUserId, TechnicianId = technicianId, WorkOrderId = workOrderId,
            Take = pageSize ?? 50,
        });
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new Page<ComplaintView>(rows.Select(r => r.View(now)).ToList(), null));
    }

    public static async Task<IResult> Get(Guid id, HttpContext http, Db db, TimeProvider clock)
    {
        await using var c = await db.OpenAsync();
        var complaint = await c.QuerySingleOrDefaultAsync<Complaint>(LoadSql, new { Id = id });
        return complaint is null || !http.Me().SeesStore(complaint.StoreId)
            ? Problems.NotFound(Codes.Thing.Complaint) : TypedResults.Ok(complaint.View(clock.GetUtcNow()));
    }

    public static Task<IResult> Assign(Guid id, AssignComplaintRequest request, HttpContext http, Db db, TimeProvider clock) =>
        ChangeAsync(id, http, db, clock, [ComplaintStatus.Open, ComplaintStatus.Assigned], async (complaint, c, tx, now) =>
        {
            if (await c.ExecuteScalarAsync<long>(OwnerSql, new { Id = request.OwnerUserId, complaint.StoreId }, tx) == 0)
                return Problems.Validation("ownerUserId", Codes.Refusal.NotActiveStaff);
            (complaint.OwnerUserId, complaint.Status) = (request.OwnerUserId, ComplaintStatus.Assigned);
            complaint.RespondedAt ??= now;
            return null;
        });

    public static Task<IResult> Resolve(Guid id, ResolveComplaintRequest request, HttpContext http, Db db, TimeProvider clock) =>
        ChangeAsync(id, http, db, clock, [ComplaintStatus.Open, ComplaintStatus.Assigned], (complaint, _, _, now) =>
        {
            (complaint.Resolution, complaint.Status, complaint.ResolvedAt, complaint.Upheld) = (request.Resolution.Trim(), ComplaintStatus.Resolved, now, request.Upheld);
            complaint.RespondedAt ??= now;
            return Task.FromResult<IResult?>(null);
        });

    public static Task<IResult> Close(Guid id, HttpContext http, Db db, TimeProvider clock) =>
        ChangeAsync(id, http, db, clock, [ComplaintStatus.Resolved], (complaint, _, _, now) =>
        {
            (complaint.Status, complaint.ClosedAt) = (ComplaintStatus.Closed, now);
            return Task.FromResult<IResult?>(null);
        });

    private static async Task<IResult> ChangeAsync(Guid id, HttpContext http, Db db, TimeProvider clock, ComplaintStatus[] from,
        Func<Complaint, System.Data.Common.DbConnection, System.Data.Common.DbTransaction, DateTimeOffset, Task<IResult?>> change)
    {
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var complaint = await c.QuerySingleOrDefaultAsync<Complaint>(LoadSql, new { Id = id }, tx);
            if (complaint is null || !http.Me().SeesStore(complaint.StoreId)) return Problems.NotFound(Codes.Thing.Complaint);
            if (!from.Contains(complaint.Status))
                return Problems.Conflict("invalid-transition", Codes.Refusal.ComplaintCannot.With(Codes.Word(complaint.Status)),
                    new Dictionary<string, object?> { ["currentStatus"] = complaint.Status.ToString() });
            if (await change(complaint, c, tx, now) is { } refusal) return refusal;
            await WriteRaces.BeforeVersionedWriteAsync(c, tx, "complaints", complaint.Id);
            if (await c.ExecuteAsync(SaveSql, new
                {
                    complaint.Id, complaint.Version, Status = complaint.Status.ToString(), complaint.OwnerUserId, complaint.Resolution,
                    complaint.RespondedAt, complaint.ResolvedAt, complaint.ClosedAt, complaint.Upheld,
                }, tx) == 0)
                return Problems.Conflict("complaint-changed", Codes.Refusal.ComplaintChanged);
            complaint.Version++;
            return TypedResults.Ok(complaint.View(now));
        });
    }

    private sealed class OrderRow
    {
        public Guid CustomerId { get; init; }
        public Guid? TechnicianId { get; init; }
        public Guid StoreId { get; init; }
    }
}
