using System.Data.Common;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.WorkOrders;

/// <param name="At">When the server recorded it.</param>
/// <param name="OccurredAt">When it happened: the client's time for a step reported later from an offline phone, else <paramref name="At"/>.</param>
public sealed record WorkOrderEvent(Guid Id, Guid WorkOrderId, DateTimeOffset At, DateTimeOffset OccurredAt, string Actor, string Kind,
    WorkOrderStatus? FromStatus, WorkOrderStatus? ToStatus, string? Reason);

/// <summary>The audit trail: every change writes one event in the same transaction as the change.</summary>
public static class WorkOrderEvents
{
    private const string InsertSql = """
        INSERT INTO work_order_events (id, work_order_id, at, occurred_at, actor_user_id, actor, kind, from_status, to_status, reason)
        VALUES (@Id, @WorkOrderId, @At, @OccurredAt, @ActorUserId, @Actor, @Kind, @FromStatus, @ToStatus, @Reason)
        """;
    private const string ListSql = """
        SELECT id, work_order_id, at, occurred_at, actor, kind, from_status, to_status, reason
        FROM work_order_events WHERE work_order_id = @Id ORDER BY occurred_at, at, id
        """;

    private const string LastOccurredSql = "SELECT MAX(occurred_at) FROM work_order_events WHERE work_order_id = @Id";

    /// <summary>When the order's latest step happened; a step reported later cannot have happened before it.</summary>
    public static Task<DateTimeOffset?> LastOccurredAsync(DbConnection c, DbTransaction tx, Guid workOrderId) =>
        c.ExecuteScalarAsync<DateTimeOffset?>(LastOccurredSql, new { Id = workOrderId }, tx);

    public static Task WriteAsync(DbConnection c, DbTransaction tx, Guid workOrderId, CurrentUser actor, DateTimeOffset at,
        string kind, WorkOrderStatus? from, WorkOrderStatus? to, string? reason, DateTimeOffset? occurredAt = null) =>
        c.ExecuteAsync(InsertSql, new
        {
            Id = Guid.CreateVersion7(), WorkOrderId = workOrderId, At = at, OccurredAt = occurredAt ?? at, ActorUserId = actor.Id, Actor = actor.Username,
            Kind = kind, FromStatus = from?.ToString(), ToStatus = to?.ToString(), Reason = reason,
        }, tx);

    public static async Task<Results<Ok<Page<WorkOrderEvent>>, ProblemHttpResult>> List(Guid id, HttpContext http, Db db)
    {
        await using var c = await db.OpenAsync();
        var order = await WorkOrder.LoadAsync(c, null, id);
        if (order is null || !order.IsVisibleTo(http.Me())) return Problems.NotFound(Codes.Thing.WorkOrder);
        var rows = await c.QueryAsync<Row>(ListSql, new { Id = id });
        return TypedResults.Ok(new Page<WorkOrderEvent>(rows.Select(r => new WorkOrderEvent(r.Id, r.WorkOrderId, r.At, r.OccurredAt, r.Actor, r.Kind,
            ParseStatus(r.FromStatus), ParseStatus(r.ToStatus), r.Reason)).ToList(), null));
    }

    private static WorkOrderStatus? ParseStatus(string? s) => s is null ? null : Enum.Parse<WorkOrderStatus>(s);

    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid WorkOrderId { get; init; }
        public DateTimeOffset At { get; init; }
        public DateTimeOffset OccurredAt { get; init; }
        public string Actor { get; init; } = "";
        public string Kind { get; init; } = "";
        public string? FromStatus { get; init; }
        public string? ToStatus { get; init; }
        public string? Reason { get; init; }
    }
}
