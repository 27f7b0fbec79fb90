using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Parts;
using RepairDispatch.Api.Stores;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Receivables;

public sealed record ReceivableBuckets(decimal D0_30, decimal D31_60, decimal D61_90, decimal D90plus);
public sealed record ReceivableItem(Guid ManufacturerId, ReceivableBuckets Buckets, decimal Total, decimal? DaysToCashMedian);
public sealed record ReceivablesView(DateOnly AsOf, Guid? StoreId, IReadOnlyList<ReceivableItem> Items);

/// <summary>
/// GET /reports/receivables?asOf=&amp;manufacturerId=&amp;storeId=: what each manufacturer owes as of a day, aged by days since
/// each order's completion (the store's day), and the median days from completion to cash (<see cref="Aging"/>).
/// Our claims: a work order's settlement lines (adjustments included) in its manufacturer's runs that were sent
/// (Submitted, Disputed, Approved, Paid). A statement answers a claim when one of its lines names the work order's
/// number, else its serial number and completion day (the first such line, oldest statement first); its approved
/// amount (0 when rejected) caps what is owed.
/// </summary>
public static class ReceivablesReport
{
    private const string ClaimsSql = """
        SELECT sl.work_order_id, r.manufacturer_id, wo.number, a.serial_number, wo.completed_at, wo.store_id, r.status AS run_status, r.paid_on, sl.amount_fen
        FROM settlement_lines sl
        JOIN settlement_runs r ON r.id = sl.run_id
        JOIN work_orders wo ON wo.id = sl.work_order_id
        JOIN appliances a ON a.id = wo.appliance_id
        WHERE r.manufacturer_id IS NOT NULL AND r.status <> 'Draft' AND wo.completed_at IS NOT NULL
          AND (@ManufacturerId IS NULL OR r.manufacturer_id = @ManufacturerId)
        """;
    private const string AnswersSql = """
        SELECT s.id AS statement_id, s.manufacturer_id, s.imported_at, l.work_order_number, l.serial_number, l.completed_on, l.approved_fen, l.status
        FROM statement_lines l JOIN statements s ON s.id = l.statement_id
        WHERE (l.work_order_number IS NOT NULL OR (l.serial_number IS NOT NULL AND l.completed_on IS NOT NULL))
          AND (@ManufacturerId IS NULL OR s.manufacturer_id = @ManufacturerId)
        ORDER BY s.period, s.imported_at, s.id, l.row_number
        """;
    private const string MoneySql = """
        SELECT a.statement_id, p.received_on, a.amount_fen
        FROM payment_allocations a JOIN manufacturer_payments p ON p.id = a.payment_id
        WHERE a.amount_fen > 0 AND (@ManufacturerId IS NULL OR p.manufacturer_id = @ManufacturerId)
        """;
    private const string ZonesSql = "SELECT id, time_zone FROM stores";
    private const string ResubmittedSql = "SELECT work_order_id, statement_id FROM claim_resubmissions";

    private sealed class ClaimRow
    {
        public Guid WorkOrderId { get; init; }
        public Guid ManufacturerId { get; init; }
        public string Number { get; init; } = "";
        public string? SerialNumber { get; init; }
        public DateTimeOffset CompletedAt { get; init; }
        public Guid StoreId { get; init; }
        public string RunStatus { get; init; } = "";
        public DateOnly? PaidOn { get; init; }
        public long AmountFen { get; init; }
    }

    private sealed class AnswerRow
    {
        public Guid StatementId { get; init; }
        public Guid ManufacturerId { get; init; }
        public DateTimeOffset ImportedAt { get; init; }
        public string? WorkOrderNumber { get; init; }
        public string? SerialNumber { get; init; }
        public DateOnly? CompletedOn { get; init; }
        public long ApprovedFen { get; init; }
        public string Status { get; init; } = "";
    }

    private sealed class ZoneRow
    {
        public Guid Id { get; init; }
        public string TimeZone { get; init; } = "";
    }

    private static string SerialKey(string serial) => serial.Trim().ToUpperInvariant();

    /// <summary>Answers come ordered by statement, then row: a statement's first line for a claim is its answer.</summary>
    private static void Keep<TKey>(Dictionary<TKey, List<StatementAnswer>> answers, TKey key, StatementAnswer answer) where TKey : notnull
    {
        if (!answers.TryGetValue(key, out var list)) answers[key] = list = [];
        if (list.Count == 0 || list[^1].StatementId != answer.StatementId) list.Add(answer);
    }

    public static async Task<IResult> Handle(HttpContext http, Db db, DateOnly? asOf, Guid? manufacturerId, Guid? storeId)
    {
        if (asOf is not { } day) return Problems.Validation("asOf", Codes.Receivable.AsOfRequired);
        var me = http.Me();
        if (me.StoreId is { } own)
        {
            if (storeId is not null && storeId != own) return Problems.Validation("storeId", Codes.Refusal.OwnStoreOnly);
            storeId = own;
        }
        var args = new { ManufacturerId = manufacturerId };
        var aging = await db.InReadTransactionAsync(async (c, tx) =>
        {
            var zones = (await c.QueryAsync<ZoneRow>(ZonesSql, transaction: tx)).ToDictionary(z => z.Id, z => StoreClock.Zone(z.TimeZone));
            // As reconciliation matches: by our work-order number, else by serial number + completion day; within a
            // statement its first line answers, and the latest statement's answer counts — except an answer the claim
            // was resubmitted against (a fixed rejection is owed again until a later statement answers it).
            var byNumber = new Dictionary<(Guid, string), List<StatementAnswer>>();
            var bySerial = new Dictionary<(Guid, string, DateOnly), List<StatementAnswer>>();
            foreach (var a in await c.QueryAsync<AnswerRow>(AnswersSql, args, tx))
            {
                var answer = new StatementAnswer(a.StatementId, DateOnly.FromDateTime(a.ImportedAt.UtcDateTime), a.Status == "Rejected" ? 0 : a.ApprovedFen);
                if (a.WorkOrderNumber is { } number) Keep(byNumber, (a.ManufacturerId, number.Trim()), answer);
                if (a.SerialNumber is { } serial && a.CompletedOn is { } day) Keep(bySerial, (a.ManufacturerId, SerialKey(serial), day), answer);
            }
            var resubmitted = (await c.QueryAsync<(Guid WorkOrderId, Guid StatementId)>(ResubmittedSql, transaction: tx)).ToHashSet();
            var claims = (await c.QueryAsync<ClaimRow>(ClaimsSql, args, tx)).GroupBy(r => r.WorkOrderId).Select(g =>
            {
                var r = g.First();
                var completedOn = zones[r.StoreId].DayOf(r.CompletedAt);
                // Paid by the run action only when every run holding the claim was paid; then on the last of those days.
                var runPaidOn = g.All(x => x.RunStatus == "Paid" && x.PaidOn is not null) ? g.Max(x => x.PaidOn) : null;
                var answers = byNumber.GetValueOrDefault((r.ManufacturerId, r.Number))
                    ?? (r.SerialNumber is { } serial ? bySerial.GetValueOrDefault((r.ManufacturerId, SerialKey(serial), completedOn)) : null);
                var answer = answers?.LastOrDefault(a => !resubmitted.Contains((r.WorkOrderId, a.StatementId)));
                return new ReceivableClaim(r.WorkOrderId, r.ManufacturerId, r.StoreId, completedOn, g.Sum(x => x.AmountFen), runPaidOn, answer);
            }).ToList();
            var money = await c.QueryAsync<StatementMoney>(MoneySql, args, tx);
            return Aging.Age(claims, money, day, storeId);
        });
        return TypedResults.Ok(new ReceivablesView(day, storeId, [.. aging.Select(a => new ReceivableItem(a.ManufacturerId,
            new ReceivableBuckets(Fen.ToYuan(a.Buckets.D0To30Fen), Fen.ToYuan(a.Buckets.D31To60Fen), Fen.ToYuan(a.Buckets.D61To90Fen), Fen.ToYuan(a.Buckets.D90PlusFen)),
            Fen.ToYuan(a.Buckets.TotalFen), a.DaysToCashMedian))]));
    }
}
