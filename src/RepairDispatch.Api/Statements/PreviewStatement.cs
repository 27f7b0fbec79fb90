using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Statements;

public sealed record PreviewColumn(string Field, string Header, string Column);

public sealed record PreviewLine(int Row, string? WorkOrderNumber, string? ManufacturerOrderNumber, string? SerialNumber, DateOnly? CompletedOn,
    decimal? ClaimedAmount, decimal ApprovedAmount, decimal? Deduction, string? DeductionReason, string Status);

public sealed record PreviewProblem(int Row, string? Column, string? Cell, string Problem, Text ProblemCode);

/// <param name="TopRows">The file's first non-empty rows as text ("" for an empty cell): its header texts, to write a mapping from.</param>
public sealed record StatementPreview(string? Format, string? Sheet, int? HeaderRow, IReadOnlyList<PreviewColumn> Columns, IReadOnlyList<PreviewLine> Rows,
    int LineCount, IReadOnlyList<PreviewProblem> Problems, int ProblemCount, IReadOnlyList<IReadOnlyList<string>> TopRows);

/// <summary>
/// POST /settlements/statements/preview: reads the whole file as an import would (streaming) and answers the header row
/// found, the first lines as mapped, and the problems by row and column; writes nothing. A file that cannot be read, or
/// a manufacturer without a mapping yet, is answered with the problem and the file's top rows, not refused.
/// </summary>
public static class PreviewStatement
{
    public const int RowsShown = 20;
    public const int ProblemsShown = 100;

    public static async Task<IResult> Handle(HttpRequest request, Db db)
    {
        var (source, refusal) = await StatementSource.OpenAsync(request, db);
        if (refusal is not null) return refusal;
        using var upload = source!.Upload;
        var problems = new List<StatementProblem>();
        var lines = new List<PreviewLine>();
        var count = 0;
        List<string?[]> top = [];
        var table = source.Mapping is { } mapping ? new StatementTable(mapping) : null;
        if (source.FileProblem is { } fileProblem) problems.Add(new StatementProblem(0, null, null, fileProblem));
        else
        {
            var rows = source.Rows();
            try
            {
                if (table is null)
                {
                    problems.Add(new StatementProblem(0, null, null, Codes.Statement.NoMapping));
                    top = StatementTable.Top(rows);
                }
                else
                {
                    foreach (var line in table.Lines(rows, problems.Add))
                        if (count++ < RowsShown) lines.Add(View(line));
                    top = table.HeaderRow is null ? table.TopRows : [];
                }
            }
            catch (Exception e) when (StatementFile.IsDamaged(e))
            {
                problems.Add(new StatementProblem(0, null, null, Codes.Statement.NotATable));
            }
        }
        return TypedResults.Ok(new StatementPreview(source.Format?.ToString(), source.Sheet, table?.HeaderRow,
            [.. table?.Columns.Select(c => new PreviewColumn(c.Field, c.Header, c.Letters)) ?? []], lines, count,
            [.. problems.Take(ProblemsShown).Select(p => new PreviewProblem(p.Row, p.Column, p.Cell, p.Text.Render(), p.Text))], problems.Count,
            [.. top.Select(r => r.Select(c => c ?? "").ToList())]));
    }

    private static PreviewLine View(StatementLine l) => new(l.Row, l.WorkOrderNumber, l.ManufacturerOrderNumber, l.SerialNumber, l.CompletedOn,
        l.ClaimedFen / 100m, l.ApprovedFen / 100m, l.DeductionFen / 100m, l.DeductionReason, l.Rejected ? "Rejected" : "Approved");
}
