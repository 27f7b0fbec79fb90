using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Notifications;

public sealed record OutboxMessageView(Guid Id, string Template, string Language, string RecipientKind, string Recipient, string Body,
    Guid? WorkOrderId, string Status, long Attempts, DateTimeOffset NextAttemptAt, string? LastError, DateTimeOffset? SentAt, DateTimeOffset CreatedAt);

public enum OutboxStatus { Pending, Sent, Dead }

/// <summary>For IT: what is waiting, sent or dead-lettered, and a way to send a dead letter again.</summary>
public static class OutboxApi
{
    private const string Columns = """
        id, template, language, recipient_kind, recipient, body, work_order_id, status, attempts, next_attempt_at, last_error, sent_at, created_at
        """;
    private static readonly DialectSql ListSql = Paging.FirstRows("SELECT " + Columns + " FROM outbox_messages WHERE status = @Status ORDER BY created_at DESC");
    private const string RetrySql = """
        UPDATE outbox_messages SET status = 'Pending', attempts = 0, next_attempt_at = @Now, claimed_until = NULL WHERE id = @Id AND status = 'Dead'
        """;

    public static void MapOutbox(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin/outbox").WithTags("Notifications").RequireAuthorization(Policies.Admin)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        group.MapGet("/", List).WithName("ListOutboxMessages").Produces<Page<OutboxMessageView>>().ProducesValidationProblem();
        group.MapPost("/{id:guid}/retry", Retry).WithName("RetryOutboxMessage").Produces(204).ProducesProblem(404);
    }

    /// <summary>The latest messages of a status (default: dead letters), newest first.</summary>
    public static async Task<IResult> List(Db db, OutboxStatus? status, int? pageSize)
    {
        if (pageSize is < 1 or > 200) return Problems.Validation("pageSize", Codes.Refusal.Between1And200);
        await using var c = await db.OpenAsync();
        var rows = await c.QueryAsync<Row>(db.Sql(ListSql), new { Status = (status ?? OutboxStatus.Dead).ToString(), Take = pageSize ?? 50 });
        return TypedResults.Ok(new Page<OutboxMessageView>(rows.Select(r => new OutboxMessageView(r.Id, r.Template, r.Language, r.RecipientKind,
            r.Recipient, r.Body, r.WorkOrderId, r.Status, r.Attempts, r.NextAttemptAt, r.LastError, r.SentAt, r.CreatedAt)).ToList(), null));
    }

    public static async Task<IResult> Retry(Guid id, Db db, TimeProvider clock)
    {
        var changed = await db.InTransactionAsync((c, tx) => c.ExecuteAsync(RetrySql, new { Id = id, Now = clock.GetUtcNow() }, tx));
        return changed == 1 ? TypedResults.NoContent() : Problems.NotFound(Codes.Thing.DeadLetter);
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string Template { get; init; } = "";
        public string Language { get; init; } = "";
        public string RecipientKind { get; init; } = "";
        public string Recipient { get; init; } = "";
        public string Body { get; init; } = "";
        public Guid? WorkOrderId { get; init; }
        public string Status { get; init; } = "";
        public long Attempts { get; init; }
        public DateTimeOffset NextAttemptAt { get; init; }
        public string? LastError { get; init; }
        public DateTimeOffset? SentAt { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }
}
