using System.ComponentModel.DataAnnotations;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Parts;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Receivables;

public sealed record ManufacturerPaymentRequest([property: Required] Guid? ManufacturerId, [property: Required, Range(typeof(decimal), "0", "100000000")] decimal? Amount,
    [property: Required] DateOnly? ReceivedOn, [property: Required, StringLength(100, MinimumLength = 1)] string Reference,
    [property: Required] Guid[] StatementIds);

/// <summary>
/// POST /settlements/payments: a manufacturer's payment, allocated to the statements it names (<see cref="Allocation"/>).
/// The amount is rounded half-up to the fen. The bank reference is a natural key per manufacturer: the same reference
/// with the same amount, day and statements answers the payment recorded first (200); with other details, 409.
/// </summary>
public static class RecordPayment
{
    public const int MaxStatements = 100;

    private const string ManufacturerSql = "SELECT COUNT(*) FROM manufacturers WHERE id = @Id";
    private const string SameReferenceSql = "SELECT id FROM manufacturer_payments WHERE manufacturer_id = @ManufacturerId AND reference = @Reference";
    private const string StatementsSql = """
        SELECT s.id AS statement_id, s.manufacturer_id, s.period, s.imported_at,
               (SELECT COALESCE(SUM(l.approved_fen), 0) FROM statement_lines l WHERE l.statement_id = s.id AND l.status = 'Approved')
             - (SELECT COALESCE(SUM(a.amount_fen), 0) FROM payment_allocations a WHERE a.statement_id = s.id) AS due_fen
        FROM statements s WHERE s.id IN @Ids
        """;
    private const string InsertSql = """
        INSERT INTO manufacturer_payments (id, manufacturer_id, amount_fen, received_on, reference, created_by_user_id, created_at)
        VALUES (@Id, @ManufacturerId, @AmountFen, @ReceivedOn, @Reference, @UserId, @Now)
        """;
    private const string AllocateSql = "INSERT INTO payment_allocations (payment_id, statement_id, amount_fen) VALUES (@PaymentId, @StatementId, @AmountFen)";

    private sealed class StatementRow
    {
        public Guid StatementId { get; init; }
        public Guid ManufacturerId { get; init; }
        public string Period { get; init; } = "";
        public DateTimeOffset ImportedAt { get; init; }
        public long DueFen { get; init; }
    }

    public static async Task<IResult> Handle(ManufacturerPaymentRequest request, HttpContext http, Db db, TimeProvider clock)
    {
        var amountFen = Fen.FromYuan(request.Amount!.Value);
        if (amountFen <= 0) return Problems.Validation("amount", Codes.Receivable.AmountPositive);
        var ids = request.StatementIds.Distinct().ToList();
        if (ids.Count is 0 or > MaxStatements) return Problems.Validation("statementIds", Codes.Receivable.StatementsRequired.With(MaxStatements));
        var reference = request.Reference.Trim();
        var me = http.Me();
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<long>(ManufacturerSql, new { Id = request.ManufacturerId }, tx) == 0)
                return Problems.Validation("manufacturerId", Codes.Refusal.NoSuchManufacturer);
            if (await c.ExecuteScalarAsync<Guid?>(SameReferenceSql, new { request.ManufacturerId, Reference = reference }, tx) is { } first)
            {
                var earlier = (await ReadPayments.LoadAsync(c, tx, first))!;
                return earlier.Amount == Fen.ToYuan(amountFen) && earlier.ReceivedOn == request.ReceivedOn
                    && earlier.Allocations.Select(a => a.StatementId).ToHashSet().SetEquals(ids)
                    ? TypedResults.Ok(earlier)
                    : Problems.Conflict("payment-reference-taken", Codes.Receivable.ReferenceTaken.With(first), new Dictionary<string, object?> { ["paymentId"] = first });
            }
            var statements = (await c.QueryAsync<StatementRow>(StatementsSql, new { Ids = Db.IdList(c, ids) }, tx)).ToDictionary(s => s.StatementId);
            for (var i = 0; i < request.StatementIds.Length; i++)
            {
                var id = request.StatementIds[i];
                if (!statements.TryGetValue(id, out var s)) return Problems.Validation($"statementIds[{i}]", Codes.Receivable.NoSuchStatement.With(id));
                if (s.ManufacturerId != request.ManufacturerId)
                    return Problems.Validation($"statementIds[{i}]", Codes.Receivable.OtherManufacturersStatement.With(id));
            }
            var dues = statements.Values.Select(s => new StatementDue(s.StatementId, s.Period, s.ImportedAt, s.DueFen)).ToList();
            if (Allocation.Allocate(amountFen, dues) is not { } allocations)
                return Problems.Validation("amount", Codes.Receivable.MoreThanOwed.With(Fen.ToYuan(dues.Sum(d => Math.Max(d.DueFen, 0)))));
            var paymentId = Guid.CreateVersion7();
            await c.ExecuteAsync(InsertSql, new
            {
                Id = paymentId, request.ManufacturerId, AmountFen = amountFen, request.ReceivedOn, Reference = reference, UserId = me.Id, Now = now,
            }, tx);
            await c.ExecuteAsync(AllocateSql, allocations.Select(a => new { PaymentId = paymentId, a.StatementId, a.AmountFen }), tx);
            return TypedResults.Created($"/api/v1/settlements/payments/{paymentId}", await ReadPayments.LoadAsync(c, tx, paymentId));
        });
    }
}
