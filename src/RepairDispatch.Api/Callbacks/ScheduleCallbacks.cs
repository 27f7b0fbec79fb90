using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Callbacks;

/// <summary>
/// Creates callbacks in the transaction of their cause: a completed order, or an appliance bought here being
/// registered. A customer without callback consent gets none. The unique keys (order + kind, appliance + Sales)
/// make a repeated cause harmless.
/// </summary>
public static class ScheduleCallbacks
{
    private const string ConsentSql = "SELECT callback_consent FROM customers WHERE id = @CustomerId";
    private const string SalesCallbackSql = "SELECT id FROM callbacks WHERE appliance_id = @ApplianceId AND kind = 'Sales' AND work_order_id IS NULL";
    private const string InsertSql = """
        INSERT INTO callbacks (id, store_id, customer_id, work_order_id, appliance_id, kind, due_on, status, attempts, created_at)
        SELECT @Id, @StoreId, @CustomerId, @WorkOrderId, @ApplianceId, @Kind, @DueOn, 'Scheduled', 0, @Now
        WHERE NOT EXISTS (SELECT 1 FROM callbacks WHERE kind = @Kind
                          AND (work_order_id = @WorkOrderId OR (@WorkOrderId IS NULL AND work_order_id IS NULL AND appliance_id = @ApplianceId)))
        """;

    /// <summary>The callbacks a completed order calls for; returns the first due day (for the customer's message), if any.</summary>
    public static async Task<DateOnly?> AfterCompletionAsync(DbConnection c, DbTransaction tx, WorkOrder order, ApplianceCategory category,
        DateOnly completedOn, DateTimeOffset now)
    {
        if (!await c.ExecuteScalarAsync<bool>(ConsentSql, new { order.CustomerId }, tx)) return null;
        var due = CallbackRules.AfterCompletion(order.Type, category, completedOn);
        foreach (var (kind, dueOn) in due)
            await InsertAsync(c, tx, order.StoreId, order.CustomerId, order.Id, order.ApplianceId, kind, dueOn, now);
        return due.Min(d => d.DueOn);
    }

    /// <summary>The sales follow-up of an appliance bought here; returns its id (none without the customer's consent).</summary>
    public static async Task<Guid?> AfterSaleAsync(DbConnection c, DbTransaction tx, Guid storeId, Guid customerId, Guid applianceId,
        DateOnly registeredOn, DateTimeOffset now)
    {
        if (!await c.ExecuteScalarAsync<bool>(ConsentSql, new { CustomerId = customerId }, tx)) return null;
        await InsertAsync(c, tx, storeId, customerId, null, applianceId, CallbackKind.Sales, CallbackRules.SalesFollowUp(registeredOn), now);
        return await c.ExecuteScalarAsync<Guid?>(SalesCallbackSql, new { ApplianceId = applianceId }, tx);
    }

    private static Task InsertAsync(DbConnection c, DbTransaction tx, Guid storeId, Guid customerId, Guid? workOrderId, Guid? applianceId,
        CallbackKind kind, DateOnly dueOn, DateTimeOffset now) =>
        c.ExecuteAsync(InsertSql, new
        {
            Id = Guid.CreateVersion7(), StoreId = storeId, CustomerId = customerId, WorkOrderId = workOrderId, ApplianceId = applianceId,
            Kind = kind.ToString(), DueOn = dueOn, Now = now,
        }, tx);
}
