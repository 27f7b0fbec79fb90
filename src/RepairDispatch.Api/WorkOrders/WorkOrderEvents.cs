using System.Data.Common;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.WorkOrders;

/// <param name="At">When the server recorded it.</param>
/// <param name="OccurredAt">When it happened: the client's time for a step reported later from an offline phone, else <paramref name="At"/>.</param>
/// <param name="Kind">A stable code (Assign, Cancel, SlaBreached, …); <paramref name="Text"/> says it in the caller's language.</param>
/// <param name="Reason">In the caller's language (people's own words as written); <paramref name="ReasonCode"/> is its code.</param>
public sealed record WorkOrderEvent(Guid Id, Guid WorkOrderId, DateTimeOffset At, DateTimeOffset OccurredAt, string Actor, string Kind, string Text,
    WorkOrderStatus? FromStatus, WorkOrderStatus? ToStatus, string? Reason, Text? ReasonCode);

/// <summary>The audit trail: every change writes one event in the same transaction as the change.</summary>
public static class WorkOrderEvents
{
    private const string InsertSql = """
        INSERT INTO work_order_events (id, work_order_id, at, occurred_at, actor_user_id, actor, kind, from_status, to_status, reason, reason_code, reason_args)
        VALUES (@Id, @WorkOrderId, @At, @OccurredAt, @ActorUserId, @Actor, @Kind, @FromStatus, @ToStatus, @Reason, @ReasonCode, @ReasonArgs)
        """;
    // Events written in one transaction share their time (an order created and auto-assigned at once), and a v7 id is
    // random within its millisecond: the creation comes first.
    private const string ListSql = """
        SELECT id, work_order_id, at, occurred_at, actor, kind, from_status, to_status, reason, reason_code, reason_args
        FROM work_order_events WHERE work_order_id = @Id ORDER BY occurred_at, at, CASE kind WHEN 'Created' THEN 0 ELSE 1 END, id
        """;

    private const string LastOccurredSql = "SELECT MAX(occurred_at) FROM work_order_events WHERE work_order_id = @Id";

    /// <summary>When the order's latest step happened; a step reported later cannot have happened before it.</summary>
    public static Task<DateTimeOffset?> LastOccurredAsync(DbConnection c, DbTransaction tx, Guid workOrderId) =>
        c.ExecuteScalarAsync<DateTimeOffset?>(LastOccurredSql, new { Id = workOrderId }, tx);

    /// <param name="reason">People's own words (<see cref="Codes.Said"/>) are kept as written in `reason`; the system's texts as code + arguments.</param>
    public static Task WriteAsync(DbConnection c, DbTransaction tx, Guid workOrderId, CurrentUser actor, DateTimeOffset at,
        string kind, WorkOrderStatus? from, WorkOrderStatus? to, Text? reason, DateTimeOffset? occurredAt = null)
    {
        var said = reason?.Code == Codes.Said.Name;
        return c.ExecuteAsync(InsertSql, new
        {
            Id = Guid.CreateVersion7(), WorkOrderId = workOrderId, At = at, OccurredAt = occurredAt ?? at, ActorUserId = actor.Id, Actor = actor.Username,
            Kind = kind, FromStatus = from?.ToString(), ToStatus = to?.ToString(),
            Reason = said ? reason!.Args["text"] as string : null,
            ReasonCode = said ? null : reason?.Code, ReasonArgs = said ? null : reason?.StoredArgs(),
        }, tx);
    }

    /// <summary>Words a person typed, if any.</summary>
    public static Text? Said(string? words) => string.IsNullOrWhiteSpace(words) ? null : Codes.Said.With(words.Trim());

    public static async Task<Results<Ok<Page<WorkOrderEvent>>, ProblemHttpResult>> List(Guid id, HttpContext http, Db db)
    {
        await using var c = await db.OpenAsync();
        var order = await WorkOrder.LoadAsync(c, null, id);
        if (order is null || !order.IsVisibleTo(http.Me())) return Problems.NotFound(Codes.Thing.WorkOrder);
        var rows = await c.QueryAsync<Row>(ListSql, new { Id = id });
        return TypedResults.Ok(new Page<WorkOrderEvent>(rows.Select(r => r.View()).ToList(), null));
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
        public string? ReasonCode { get; init; }
        public string? ReasonArgs { get; init; }

        public WorkOrderEvent View()
        {
            var reason = Texts.Text.StoredOrSaid(ReasonCode, ReasonArgs, Reason);
            return new(Id, WorkOrderId, At, OccurredAt, Actor, Kind, Codes.EventKind(Kind).Render(), ParseStatus(FromStatus), ParseStatus(ToStatus),
                reason?.Render(), reason);
        }
    }
}
