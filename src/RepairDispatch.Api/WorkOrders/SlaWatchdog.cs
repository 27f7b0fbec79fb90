using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Notifications;

namespace RepairDispatch.Api.WorkOrders;

/// <summary>
/// Every minute: finds orders past a deadline they have not met (assign, on site, complete; a paused clock does not
/// run out) and flags each breach once. The flag is a row keyed by order and deadline, inserted in the transaction
/// that writes the order's event and the managers' alerts, so two runs at once, or on two nodes, flag it once.
/// </summary>
public sealed class SlaWatchdog(Db db, TimeProvider clock, IOptions<NotificationOptions> notifications, ILogger<SlaWatchdog> logger)
{
    private sealed class Candidate
    {
        public Guid Id { get; init; }
        public Guid StoreId { get; init; }
        public string Number { get; init; } = "";
        public string Deadline { get; init; } = "";
        public DateTimeOffset DueAt { get; init; }
    }

    private const string Open = "status NOT IN ('Completed','Closed','Cancelled')";
    private const string CandidatesSql = """
        SELECT w.id, w.store_id, w.number, 'Assign' AS deadline, w.assign_by AS due_at FROM work_orders w
        WHERE w.assign_by < @Now AND w.assigned_at IS NULL AND w.
        """ + Open + """
         AND NOT EXISTS (SELECT 1 FROM sla_breaches b WHERE b.work_order_id = w.id AND b.deadline = 'Assign')
        UNION ALL
        SELECT w.id, w.store_id, w.number, 'OnSite', w.on_site_by FROM work_orders w
        WHERE w.on_site_by < @Now AND w.on_site_at IS NULL AND w.sla_paused_at IS NULL AND w.
        """ + Open + """
         AND NOT EXISTS (SELECT 1 FROM sla_breaches b WHERE b.work_order_id = w.id AND b.deadline = 'OnSite')
        UNION ALL
        SELECT w.id, w.store_id, w.number, 'Complete', w.complete_by FROM work_orders w
        WHERE w.complete_by < @Now AND w.sla_paused_at IS NULL AND w.
        """ + Open + """
         AND NOT EXISTS (SELECT 1 FROM sla_breaches b WHERE b.work_order_id = w.id AND b.deadline = 'Complete')
        """;
    private const string FlagSql = """
        INSERT INTO sla_breaches (work_order_id, deadline, due_at, detected_at)
        SELECT @Id, @Deadline, @DueAt, @Now
        WHERE NOT EXISTS (SELECT 1 FROM sla_breaches WHERE work_order_id = @Id AND deadline = @Deadline)
        """;
    private const string ActorSql = "SELECT id FROM users WHERE role = 'admin' ORDER BY created_at";

    public async Task<int> RunAsync()
    {
        var now = clock.GetUtcNow();
        List<Candidate> due;
        CurrentUser actor;
        await using (var c = await db.OpenAsync())
        {
            due = (await c.QueryAsync<Candidate>(CandidatesSql, new { Now = now })).ToList();
            actor = new CurrentUser(await c.QueryFirstAsync<Guid>(ActorSql), "sla-watchdog", Roles.Admin, null, null);
        }
        var flagged = 0;
        foreach (var breach in due)
        {
            try
            {
                flagged += await db.InTransactionAsync(async (c, tx) =>
                {
                    if (await c.ExecuteAsync(FlagSql, new { breach.Id, breach.Deadline, breach.DueAt, Now = now }, tx) == 0) return 0;
                    await WorkOrderEvents.WriteAsync(c, tx, breach.Id, actor, now, "SlaBreached", null, null,
                        Texts.Codes.Event.SlaBreached.With(Texts.Text.Of("sla-deadline." + breach.Deadline), Texts.Codes.Instant(breach.DueAt)));
                    await Outbox.ToManagersAsync(c, tx, breach.StoreId, breach.Id, MessageTemplate.SlaBreached, new()
                    {
                        ["number"] = breach.Number, ["deadline"] = Texts.Text.Of("sla-deadline." + breach.Deadline),
                        ["dueAt"] = Texts.Codes.Instant(breach.DueAt),
                    }, notifications.Value.Language, now);
                    return 1;
                });
            }
            catch (System.Data.Common.DbException e) when (DbErrors.IsConstraintViolation(e))
            {
                // Another node flagged it between our read and our insert (SQL Server): it is flagged once, by them.
            }
        }
        StationMetrics.SlaBreaches.Add(flagged);
        if (flagged > 0) logger.LogWarning("SLA watchdog flagged {Breaches} new breaches", flagged);
        return flagged;
    }
}
