using System.Globalization;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Statements;

public sealed record StatementImported(Guid Id, Guid ManufacturerId, string Period, int LineCount, decimal Total);

/// <summary>
/// POST /settlements/statements: imports a manufacturer's statement file in one transaction, reading it as a stream on
/// another thread (<see cref="LineBatches"/>) and inserting its lines in batches as they come, so a 100,000-line file
/// is never whole in memory. Any problem (a cell that is not an amount or a date, a row with nothing to match it by, no
/// header row) refuses the file naming row and column, and the rollback leaves nothing behind. The same bytes twice are
/// refused (409) naming the first import.
/// </summary>
public static class ImportStatement
{
    public const int MaxLines = 200_000;
    private const int ProblemsNamed = 20;
    private const int Batch = 500;

    private const string SameFileSql = "SELECT id, period, imported_at FROM statements WHERE sha256 = @Sha256";
    private const string InsertStatementSql = """
        INSERT INTO statements (id, manufacturer_id, period, sha256, file_name, format, header_row, line_count, total_fen, imported_by_user_id, imported_at)
        VALUES (@Id, @ManufacturerId, @Period, @Sha256, @FileName, @Format, 0, 0, 0, @UserId, @Now)
        """;
    private const string InsertLineSql = """
        INSERT INTO statement_lines (statement_id, row_number, work_order_number, manufacturer_order_number, serial_number, completed_on,
                                     claimed_fen, approved_fen, deduction_fen, deduction_reason, status)
        VALUES (@StatementId, @Row, @WorkOrderNumber, @ManufacturerOrderNumber, @SerialNumber, @CompletedOn,
                @ClaimedFen, @ApprovedFen, @DeductionFen, @DeductionReason, @Status)
        """;
    private const string FinishSql = "UPDATE statements SET header_row = @HeaderRow, line_count = @LineCount, total_fen = @TotalFen WHERE id = @Id";

    private sealed class FirstImport
    {
        public Guid Id { get; init; }
        public string Period { get; init; } = "";
        public DateTimeOffset ImportedAt { get; init; }
    }

    public static async Task<IResult> Handle(HttpContext http, Db db, TimeProvider clock)
    {
        var (source, refusal) = await StatementSource.OpenAsync(http.Request, db);
        if (refusal is not null) return refusal;
        using var upload = source!.Upload;
        var period = upload.Field("period");
        if (period is null || !DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            return Problems.Validation("period", Codes.Statement.Period);
        if (source.Mapping is not { } mapping) return Problems.Validation("manufacturerId", Codes.Statement.NoMapping);
        if (source.FileProblem is { } fileProblem) return Problems.Validation("file", fileProblem);
        var me = http.Me();
        var now = clock.GetUtcNow();

        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            if (await c.QuerySingleOrDefaultAsync<FirstImport>(SameFileSql, new { upload.Sha256 }, tx) is { } first)
                return Problems.Conflict("statement-already-imported",
                    Codes.Statement.SameFile.With(first.Id, first.Period, first.ImportedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC"),
                    new Dictionary<string, object?> { ["statementId"] = first.Id, ["period"] = first.Period, ["importedAt"] = first.ImportedAt });
            var id = Guid.CreateVersion7();
            await c.ExecuteAsync(InsertStatementSql, new
            {
                Id = id, source.ManufacturerId, Period = period, upload.Sha256, upload.FileName, Format = source.Format.ToString(), UserId = me.Id, Now = now,
            }, tx);

            var table = new StatementTable(mapping);
            using var stop = new CancellationTokenSource();
            var (batches, reading) = LineBatches.Start(table, source.Rows(), Batch, MaxLines, stop.Token);
            try
            {
                await foreach (var batch in batches.ReadAllAsync())
                    await c.ExecuteAsync(InsertLineSql, batch.Select(l => Row(id, l)), tx);
            }
            finally
            {
                stop.Cancel(); // the insert failed: the reader stops too (a no-op once it is done)
            }
            var read = await reading;
            if (read.Damaged) return Problems.Validation("file", Codes.Statement.NotATable);
            if (read.TooMany) return Problems.Validation("file", Codes.Statement.TooManyLines.With(MaxLines));
            if (read.Problems.Count > 0) return Refused(read.Problems);
            if (read.Count == 0) return Problems.Validation("file", Codes.Statement.NoLines);
            await c.ExecuteAsync(FinishSql, new { Id = id, table.HeaderRow, LineCount = read.Count, read.TotalFen }, tx);
            return TypedResults.Created($"/api/v1/settlements/statements/{id}/reconciliation",
                new StatementImported(id, source.ManufacturerId, period, read.Count, read.TotalFen / 100m));
        });
    }

    private static object Row(Guid statementId, StatementLine l) => new
    {
        StatementId = statementId, l.Row, l.WorkOrderNumber, l.ManufacturerOrderNumber, l.SerialNumber, l.CompletedOn,
        l.ClaimedFen, l.ApprovedFen, l.DeductionFen, l.DeductionReason, Status = l.Rejected ? "Rejected" : "Approved",
    };

    /// <summary>The file refused, naming the first problems by row and column (`errors.file`, with their codes).</summary>
    private static IResult Refused(List<StatementProblem> problems)
    {
        var named = problems.Take(ProblemsNamed).Select(p => p.Text).ToList();
        if (problems.Count > ProblemsNamed) named.Add(Codes.Statement.MoreProblems.With(problems.Count - ProblemsNamed));
        return Problems.Validation(new Dictionary<string, Text[]> { ["file"] = [.. named] });
    }
}
