using Dapper;
using Microsoft.Extensions.Options;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Api.Notifications;

/// <summary>
/// Every minute: delivers pending messages, a few at a time, until none is due. Each message is claimed with a conditional update (a lease), so two runs,
/// on one node or many, never send the same message at the same time; a node that dies mid-send leaves a lease that
/// expires, and the message goes again with the same Idempotency-Key. A failed attempt is kept with its error and
/// retried with backoff; after <see cref="NotificationOptions.MaxAttempts"/> the message is dead-lettered for an admin.
/// </summary>
public sealed class OutboxDispatchJob(Db db, IMessageSender sender, TimeProvider clock, IOptions<NotificationOptions> options,
    ILogger<OutboxDispatchJob> logger)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private static readonly DialectSql DueSql = Paging.FirstRows("""
        SELECT id FROM outbox_messages WHERE status = 'Pending' AND next_attempt_at <= @Now AND (claimed_until IS NULL OR claimed_until < @Now)
        ORDER BY next_attempt_at
        """);
    private const string ClaimSql = """
        UPDATE outbox_messages SET claimed_until = @Until
        WHERE id = @Id AND status = 'Pending' AND next_attempt_at <= @Now AND (claimed_until IS NULL OR claimed_until < @Now)
        """;
    private const string LoadSql = "SELECT id, template, language, recipient_kind, recipient, body, attempts FROM outbox_messages WHERE id = @Id";
    private const string SentSql = """
        UPDATE outbox_messages SET status = 'Sent', attempts = attempts + 1, sent_at = @Now, claimed_until = NULL, last_error = NULL
        WHERE id = @Id AND claimed_until = @Until
        """;
    private const string FailedSql = """
        UPDATE outbox_messages SET attempts = attempts + 1, last_error = @Error, next_attempt_at = @Next, claimed_until = NULL,
               status = CASE WHEN attempts + 1 >= @MaxAttempts THEN 'Dead' ELSE 'Pending' END
        WHERE id = @Id AND claimed_until = @Until
        """;

    public async Task<int> RunAsync()
    {
        // Batch after batch until nothing is due or the run's time is up (the next run takes over), so a busy hour's
        // messages do not wait for the next minute's run in lots of one batch.
        var budget = System.Diagnostics.Stopwatch.StartNew();
        int sent = 0, due = 0;
        while (budget.Elapsed < RunBudget)
        {
            var batch = await DueAsync();
            if (batch.Count == 0) break;
            due += batch.Count;
            var sentInBatch = 0;
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = options.Value.SendConcurrency }, async (id, _) =>
            {
                if (await DeliverAsync(id)) Interlocked.Increment(ref sentInBatch);
            });
            sent += sentInBatch;
        }
        if (due > 0) logger.LogInformation("Outbox: {Sent} of {Due} due messages sent in {Seconds:0.0} s", sent, due, budget.Elapsed.TotalSeconds);
        return sent;
    }

    /// <summary>Less than the minute between runs: a run ends before the next one starts (and overlapping would be safe anyway).</summary>
    private static readonly TimeSpan RunBudget = TimeSpan.FromSeconds(45);

    private async Task<List<Guid>> DueAsync()
    {
        await using var c = await db.OpenAsync();
        return (await c.QueryAsync<Guid>(db.Sql(DueSql), new { Now = clock.GetUtcNow(), Take = options.Value.BatchSize })).ToList();
    }

    /// <summary>Claims, sends and records one message; false when another run holds it or the attempt failed.</summary>
    private async Task<bool> DeliverAsync(Guid id)
    {
        var now = clock.GetUtcNow();
        var until = now + Lease;
        var message = await db.InTransactionAsync(async (c, tx) =>
            await c.ExecuteAsync(ClaimSql, new { Id = id, Until = until, Now = now }, tx) == 1
                ? await c.QuerySingleAsync<Row>(LoadSql, new { Id = id }, tx) : null);
        if (message is null) return false; // another run holds it
        try
        {
            using var timeout = new CancellationTokenSource(Lease / 2);
            await sender.SendAsync(new OutgoingMessage(message.Id, message.Template, message.Language, message.RecipientKind,
                message.Recipient, message.Body), timeout.Token);
            await db.InTransactionAsync((c, tx) => c.ExecuteAsync(SentSql, new { Id = id, Until = until, Now = clock.GetUtcNow() }, tx));
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or TimeoutException
                                      or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException)
        {
            var o = options.Value;
            var attempt = message.Attempts + 1;
            var next = clock.GetUtcNow() + Backoff(attempt);
            await db.InTransactionAsync((c, tx) => c.ExecuteAsync(FailedSql, new
            {
                Id = id, Until = until, Error = Truncate(e.Message), Next = next, o.MaxAttempts,
            }, tx));
            logger.LogWarning("Message {MessageId} attempt {Attempt} failed: {Error}{DeadLetter}", id, attempt, e.Message,
                attempt >= o.MaxAttempts ? " (dead-lettered)" : "");
            return false;
        }
    }

    /// <summary>30 s, 1 min, 2 min, … capped at 1 h.</summary>
    public static TimeSpan Backoff(long attempt) => TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, attempt - 1)));

    private static string Truncate(string s) => s.Length <= 1000 ? s : s[..1000];

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string Template { get; init; } = "";
        public string Language { get; init; } = "";
        public string RecipientKind { get; init; } = "";
        public string Recipient { get; init; } = "";
        public string Body { get; init; } = "";
        public long Attempts { get; init; }
    }
}
