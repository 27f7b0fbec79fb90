using System.Data.Common;
using Dapper;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Notifications;

/// <summary>
/// Writes messages in the transaction of their cause (so a message exists exactly when its cause happened), for the
/// dispatch job to deliver later. Customers are reached on their first phone; staff alerts go to the store's managers.
/// </summary>
public static class Outbox
{
    private const string InsertSql = """
        INSERT INTO outbox_messages (id, store_id, template, language, recipient_kind, recipient, body, work_order_id, status, attempts,
            next_attempt_at, created_at)
        VALUES (@Id, @StoreId, @Template, @Language, @RecipientKind, @Recipient, @Body, @WorkOrderId, 'Pending', 0, @Now, @Now)
        """;
    private const string CustomerPhoneSql = "SELECT phone FROM customer_phones WHERE customer_id = @CustomerId AND position = 0";
    private const string TechnicianNameSql = "SELECT name FROM technicians WHERE id = @Id";
    // The store's own managers; a store without one escalates to the managers of all stores (headquarters).
    private const string ManagersSql = """
        SELECT id FROM users WHERE role = 'manager' AND active = 1
          AND (store_id = @StoreId OR (store_id IS NULL AND NOT EXISTS (
               SELECT 1 FROM users m WHERE m.role = 'manager' AND m.active = 1 AND m.store_id = @StoreId)))
        """;

    public static async Task ToCustomerAsync(DbConnection c, DbTransaction tx, WorkOrder order, MessageTemplate template,
        Dictionary<string, object?> values, string language, DateTimeOffset now)
    {
        if (await c.ExecuteScalarAsync<string?>(CustomerPhoneSql, new { order.CustomerId }, tx) is not { } phone) return;
        values["number"] = order.Number;
        // Both messages before the visit carry a fresh link to the customer's page (a token is never kept to be sent again).
        if (template is MessageTemplate.AppointmentConfirmed or MessageTemplate.TechnicianOnTheWay)
            values.TryAdd("link", await Public.CustomerLink.ForMessageAsync(c, tx, order, now));
        if (order.TechnicianId is { } technician)
            values.TryAdd("technician", await c.ExecuteScalarAsync<string>(TechnicianNameSql, new { Id = technician }, tx) ?? "");
        await InsertAsync(c, tx, order.StoreId, template, language, "Customer", phone, Templates.Render(template, language, values), order.Id, now);
    }

    public static async Task ToManagersAsync(DbConnection c, DbTransaction tx, Guid storeId, Guid? workOrderId, MessageTemplate template,
        Dictionary<string, object?> values, string language, DateTimeOffset now)
    {
        var body = Templates.Render(template, language, values);
        foreach (var manager in await c.QueryAsync<Guid>(ManagersSql, new { StoreId = storeId }, tx))
            await InsertAsync(c, tx, storeId, template, language, "User", manager.ToString(), body, workOrderId, now);
    }

    /// <summary>A message to a number the customer typed and the archive holds (an SMS code): not only the first phone.</summary>
    public static Task ToPhoneAsync(DbConnection c, DbTransaction tx, Guid storeId, MessageTemplate template, string phone,
        Dictionary<string, object?> values, string language, DateTimeOffset now) =>
        InsertAsync(c, tx, storeId, template, language, "Customer", phone, Templates.Render(template, language, values), null, now);

    private static Task InsertAsync(DbConnection c, DbTransaction tx, Guid? storeId, MessageTemplate template, string language,
        string recipientKind, string recipient, string body, Guid? workOrderId, DateTimeOffset now) =>
        c.ExecuteAsync(InsertSql, new
        {
            Id = Guid.CreateVersion7(), StoreId = storeId, Template = template.ToString(), Language = language, RecipientKind = recipientKind,
            Recipient = recipient, Body = body, WorkOrderId = workOrderId, Now = now,
        }, tx);
}
