using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Parts;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Receivables;

public sealed record ManufacturerPaymentAllocationView(Guid StatementId, string Period, decimal Amount);

public sealed record ManufacturerPaymentView(Guid Id, Guid ManufacturerId, decimal Amount, DateOnly ReceivedOn, string Reference,
    IReadOnlyList<ManufacturerPaymentAllocationView> Allocations, DateTimeOffset CreatedAt);

/// <summary>GET /settlements/payments/{id} and the list (newest first, `manufacturerId` filters, keyset pages).</summary>
public static class ReadPayments
{
    private const string Columns = "SELECT id, manufacturer_id, amount_fen, received_on, reference, created_at FROM manufacturer_payments";
    private const string OneSql = Columns + " WHERE id = @Id";
    private static readonly DialectSql ListSql = Paging.FirstRows(Columns + """
         WHERE (@ManufacturerId IS NULL OR manufacturer_id = @ManufacturerId)
           AND (@AfterAt IS NULL OR created_at < @AfterAt OR (created_at = @AfterAt AND id < @AfterId))
         ORDER BY created_at DESC, id DESC
        """);
    private const string AllocationsSql = """
        SELECT a.payment_id, a.statement_id, s.period, a.amount_fen
        FROM payment_allocations a JOIN statements s ON s.id = a.statement_id
        WHERE a.payment_id IN @Ids ORDER BY s.period, s.imported_at, a.statement_id
        """;

    private sealed class PaymentRow
    {
        public Guid Id { get; init; }
        public Guid ManufacturerId { get; init; }
        public long AmountFen { get; init; }
        public DateOnly ReceivedOn { get; init; }
        public string Reference { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
    }

    private sealed class AllocationRow
    {
        public Guid PaymentId { get; init; }
        public Guid StatementId { get; init; }
        public string Period { get; init; } = "";
        public long AmountFen { get; init; }
    }

    public static async Task<IResult> Get(Guid id, Db db)
    {
        await using var c = await db.OpenAsync();
        return await LoadAsync(c, null, id) is { } payment ? TypedResults.Ok(payment) : Problems.NotFound(Codes.Receivable.PaymentThing);
    }

    public static async Task<IResult> List(Db db, Guid? manufacturerId, int? pageSize, string? cursor)
    {
        if (Cursor.Validate(pageSize, cursor) is { } refusal) return refusal;
        var size = pageSize ?? Cursor.DefaultPageSize;
        DateTimeOffset? afterAt = Cursor.TryDecode(cursor, out var at, out var afterId) ? at : null;
        await using var c = await db.OpenAsync();
        var rows = (await c.QueryAsync<PaymentRow>(db.Sql(ListSql), new { ManufacturerId = manufacturerId, AfterAt = afterAt, AfterId = afterId, Take = size + 1 })).ToList();
        var views = await ViewsAsync(c, null, rows);
        return TypedResults.Ok(Cursor.Cut(views, size, v => (v.CreatedAt, v.Id)));
    }

    public static async Task<ManufacturerPaymentView?> LoadAsync(DbConnection c, DbTransaction? tx, Guid id) =>
        (await ViewsAsync(c, tx, [.. await c.QueryAsync<PaymentRow>(OneSql, new { Id = id }, tx)])).SingleOrDefault();

    private static async Task<List<ManufacturerPaymentView>> ViewsAsync(DbConnection c, DbTransaction? tx, List<PaymentRow> rows)
    {
        if (rows.Count == 0) return [];
        var allocations = (await c.QueryAsync<AllocationRow>(AllocationsSql, new { Ids = Db.IdList(c, rows.Select(r => r.Id)) }, tx)).ToLookup(a => a.PaymentId);
        return [.. rows.Select(r => new ManufacturerPaymentView(r.Id, r.ManufacturerId, Fen.ToYuan(r.AmountFen), r.ReceivedOn, r.Reference,
            [.. allocations[r.Id].Select(a => new ManufacturerPaymentAllocationView(a.StatementId, a.Period, Fen.ToYuan(a.AmountFen)))], r.CreatedAt))];
    }
}
