using System.ComponentModel.DataAnnotations;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Payroll;

/// <param name="Share">The helper's share of the job's pay in percent (1–99, whole); the lead technician has the rest.</param>
public sealed record HelperRequest([property: Required] Guid? TechnicianId, [property: Required, Range(1, 99)] int? Share);

public sealed record HelperView(Guid WorkOrderId, Guid TechnicianId, int Share, Guid LeadTechnicianId, int LeadShare);

/// <summary>
/// The second technician on a job (one per job; posting again replaces him). He must be a technician of the order's
/// store and not its lead. Changing the helper of a job of an approved month is allowed: the difference is paid as an
/// adjustment of the next open month.
/// </summary>
public static class AddHelper
{
    private const string TechnicianStoreSql = "SELECT store_id FROM technicians WHERE id = @Id";
    private const string DeleteSql = "DELETE FROM work_order_helpers WHERE work_order_id = @WorkOrderId";
    private const string InsertSql = """
        INSERT INTO work_order_helpers (work_order_id, technician_id, share_percent, added_by_user_id, added_at)
        VALUES (@WorkOrderId, @TechnicianId, @Share, @AddedBy, @AddedAt)
        """;

    public static async Task<IResult> Handle(Guid id, HelperRequest request, HttpContext http, Db db, TimeProvider clock)
    {
        var me = http.Me();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var order = await WorkOrder.LoadAsync(c, tx, id);
            if (order is null || !order.IsVisibleTo(me)) return Problems.NotFound(Codes.Thing.WorkOrder);
            if (order.Status == WorkOrderStatus.Cancelled)
                return Problems.InvalidTransition(order.Status.ToString(), Codes.Payroll.OrderCancelled);
            if (order.TechnicianId is not { } lead) return Problems.Conflict("no-lead-technician", Codes.Payroll.NoLead);
            var store = await c.ExecuteScalarAsync<Guid?>(TechnicianStoreSql, new { Id = request.TechnicianId }, tx);
            if (store is null) return Problems.Validation("technicianId", Codes.Payroll.NoSuchTechnician);
            if (store != order.StoreId) return Problems.Validation("technicianId", Codes.Payroll.HelperOtherStore);
            if (request.TechnicianId == lead) return Problems.Validation("technicianId", Codes.Payroll.HelperIsLead);
            var replaced = await c.ExecuteAsync(DeleteSql, new { WorkOrderId = id }, tx) > 0;
            await c.ExecuteAsync(InsertSql, new
            {
                WorkOrderId = id, request.TechnicianId, Share = request.Share!.Value, AddedBy = me.Id, AddedAt = clock.GetUtcNow(),
            }, tx);
            var view = new HelperView(id, request.TechnicianId!.Value, request.Share.Value, lead, 100 - request.Share.Value);
            return replaced ? TypedResults.Ok(view) : TypedResults.Created($"/api/v1/work-orders/{id}", view);
        });
    }
}
