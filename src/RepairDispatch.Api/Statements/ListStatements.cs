using Dapper;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Parts;

namespace RepairDispatch.Api.Statements;

/// <param name="Approved">The total of its lines with status Approved; <paramref name="Due"/> is that less the payments allocated to it.</param>
public sealed record StatementSummary(Guid Id, Guid ManufacturerId, string Period, DateTimeOffset ImportedAt, int LineCount, decimal Total,
    decimal Approved, decimal Paid, decimal Due);

/// <summary>GET /settlements/statements?manufacturerId=: a manufacturer's imported statements, newest period first, with what each still owes (for recording payments).</summary>
public static class ListStatements
{
    public const int Max = 200;

    private static readonly DialectSql ListSql = Paging.FirstRows("""
        SELECT s.id, s.manufacturer_id, s.period, s.imported_at, s.line_count, s.total_fen,
               (SELECT COALESCE(SUM(l.approved_fen), 0) FROM statement_lines l WHERE l.statement_id = s.id AND l.status = 'Approved') AS approved_fen,
               (SELECT COALESCE(SUM(a.amount_fen), 0) FROM payment_allocations a WHERE a.statement_id = s.id) AS paid_fen
        FROM statements s WHERE s.manufacturer_id = @ManufacturerId
        ORDER BY s.period DESC, s.imported_at DESC
        """);

    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid ManufacturerId { get; init; }
        public string Period { get; init; } = "";
        public DateTimeOffset ImportedAt { get; init; }
        public int LineCount { get; init; }
        public long TotalFen { get; init; }
        public long ApprovedFen { get; init; }
        public long PaidFen { get; init; }
    }

    public static async Task<IResult> Handle(Db db, Guid manufacturerId)
    {
        await using var c = await db.OpenAsync();
        var rows = await c.QueryAsync<Row>(db.Sql(ListSql), new { ManufacturerId = manufacturerId, Take = Max });
        return TypedResults.Ok(new Page<StatementSummary>([.. rows.Select(r => new StatementSummary(r.Id, r.ManufacturerId, r.Period, r.ImportedAt, r.LineCount,
            Fen.ToYuan(r.TotalFen), Fen.ToYuan(r.ApprovedFen), Fen.ToYuan(r.PaidFen), Fen.ToYuan(r.ApprovedFen - r.PaidFen)))], null));
    }
}
