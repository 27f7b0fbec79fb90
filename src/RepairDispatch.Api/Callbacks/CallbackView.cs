namespace RepairDispatch.Api.Callbacks;

public sealed record CallbackView(Guid Id, CallbackKind Kind, CallbackStatus Status, DateOnly DueOn, long Attempts, Guid CustomerId,
    string CustomerName, string? Phone, Guid? WorkOrderId, string? WorkOrderNumber, int? Satisfaction, string? Comment, long Version);

internal sealed class CallbackRow
{
    public const string Select = """
        SELECT cb.id, cb.store_id, cb.kind, cb.status, cb.due_on, cb.attempts, cb.customer_id, c.name AS customer_name,
               (SELECT p.phone FROM customer_phones p WHERE p.customer_id = c.id AND p.position = 0) AS phone,
               cb.work_order_id, w.number AS work_order_number, cb.satisfaction, cb.comment, cb.version
        FROM callbacks cb JOIN customers c ON c.id = cb.customer_id LEFT JOIN work_orders w ON w.id = cb.work_order_id
        """;

    public Guid Id { get; init; }
    public Guid StoreId { get; init; }
    public string Kind { get; init; } = "";
    public string Status { get; init; } = "";
    public DateOnly DueOn { get; init; }
    public long Attempts { get; init; }
    public Guid CustomerId { get; init; }
    public string CustomerName { get; init; } = "";
    public string? Phone { get; init; }
    public Guid? WorkOrderId { get; init; }
    public string? WorkOrderNumber { get; init; }
    public long? Satisfaction { get; init; }
    public string? Comment { get; init; }
    public long Version { get; init; }

    public CallbackStatus State => Enum.Parse<CallbackStatus>(Status);

    public CallbackView View() => new(Id, Enum.Parse<CallbackKind>(Kind), State, DueOn, Attempts, CustomerId, CustomerName, Phone,
        WorkOrderId, WorkOrderNumber, (int?)Satisfaction, Comment, Version);
}
