using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Statements;

/// <summary>One row of a sheet: its 1-based number as the file shows it and its cells from column A.</summary>
public sealed record SheetRow(int Number, object?[] Cells);

/// <summary>What the manufacturer said about one claim, money in fen.</summary>
public sealed record StatementLine(int Row, string? WorkOrderNumber, string? ManufacturerOrderNumber, string? SerialNumber, DateOnly? CompletedOn,
    long? ClaimedFen, long ApprovedFen, long? DeductionFen, string? DeductionReason, bool Rejected);

/// <summary>A problem of the file, by row (0 = the file as a whole) and column (their header text and the cell).</summary>
public sealed record StatementProblem(int Row, string? Column, string? Cell, Text Text);

public sealed record HeaderColumn(string Field, string Header, int Index)
{
    public string Letters => StatementCells.Letters(Index);
}

/// <summary>
/// Reads a statement's rows with a mapping, streaming: title and note rows are skipped until the header row (the first
/// row holding every mapped header text, or the pinned one), then each row is one line until a totals row (合计/总计)
/// ends the table. Empty rows and subtotal rows (小计) are skipped. Pure: rows in, lines and problems out.
/// </summary>
public sealed class StatementTable(StatementMapping mapping)
{
    public const int HeaderSearchRows = 100;
    public const int MaxKeyChars = 64;
    public const int MaxReasonChars = 500;
    private const int TopRowsKept = 10;

    private Dictionary<string, HeaderColumn> _byField = [];

    public int? HeaderRow { get; private set; }
    public IReadOnlyList<HeaderColumn> Columns { get; private set; } = [];
    /// <summary>The first non-empty rows as text, for a preview whose header was not found (so finance sees their headers).</summary>
    public List<string?[]> TopRows { get; } = [];

    /// <summary>The first non-empty rows of a file as text.</summary>
    public static List<string?[]> Top(IEnumerable<SheetRow> rows) =>
        [.. rows.Take(HeaderSearchRows).Where(r => r.Cells.Any(c => StatementCells.Text(c) is not null)).Take(TopRowsKept)
            .Select(r => r.Cells.Select(StatementCells.Text).ToArray())];

    public IEnumerable<StatementLine> Lines(IEnumerable<SheetRow> rows, Action<StatementProblem> problem)
    {
        var wanted = mapping.Columns.Named().ToList();
        (int Row, List<string> Missing)? best = null;
        Dictionary<string, int>? at = null;
        foreach (var row in rows)
        {
            if (at is null)
            {
                if (TopRows.Count < TopRowsKept && row.Cells.Any(c => StatementCells.Text(c) is not null))
                    TopRows.Add([.. row.Cells.Select(StatementCells.Text)]);
                if (mapping.HeaderRow is { } pinned && row.Number != pinned) continue;
                var missing = Match(row, wanted, out var found);
                if (missing.Count == 0)
                {
                    at = found;
                    HeaderRow = row.Number;
                    Columns = [.. wanted.Select(w => new HeaderColumn(w.Field, w.Header, found[w.Field]))];
                    _byField = Columns.ToDictionary(c => c.Field);
                    continue;
                }
                if (best is null || missing.Count < best.Value.Missing.Count) best = (row.Number, missing);
                if (mapping.HeaderRow is not null || row.Number >= HeaderSearchRows) break;
                continue;
            }
            var texts = row.Cells.Select(StatementCells.Text).ToArray();
            var totals = StatementCells.TotalsOf(texts.FirstOrDefault(t => t is not null));
            if (totals == StatementCells.Totals.GrandTotal) yield break;
            if (totals == StatementCells.Totals.Subtotal) continue;
            if (Columns.All(c => Cell(texts, c.Index) is null)) continue;
            if (Read(row, texts, problem) is { } line) yield return line;
        }
        if (at is null)
        {
            var missing = best?.Missing ?? [.. wanted.Select(w => w.Header)];
            problem(new StatementProblem(0, null, null, mapping.HeaderRow is { } pinned
                ? Codes.Statement.HeaderRowMismatch.With(pinned, missing)
                : Codes.Statement.HeaderNotFound.With(missing)));
        }
    }

    private static List<string> Match(SheetRow row, List<(string Field, string Header)> wanted, out Dictionary<string, int> found)
    {
        var byKey = new Dictionary<string, int>();
        for (var i = 0; i < row.Cells.Length; i++)
            if (StatementCells.Text(row.Cells[i]) is { } text) byKey.TryAdd(StatementCells.HeaderKey(text), i);
        found = [];
        var missing = new List<string>();
        foreach (var (field, header) in wanted)
        {
            if (byKey.TryGetValue(StatementCells.HeaderKey(header), out var index)) found[field] = index;
            else missing.Add(header);
        }
        return missing;
    }

    private static string? Cell(string?[] texts, int index) => index < texts.Length ? texts[index] : null;

    private StatementLine? Read(SheetRow row, string?[] texts, Action<StatementProblem> problem)
    {
        var ok = true;
        HeaderColumn? Column(string field) => _byField.GetValueOrDefault(field);
        string Ref(HeaderColumn c) => c.Letters + row.Number;
        void Problem(HeaderColumn c, Text text) { ok = false; problem(new StatementProblem(row.Number, c.Header, Ref(c), text)); }

        // Keys are compared as NFKC text; people's words (a reason, a status) are kept as they wrote them.
        string? Words(string field, int max, bool asWritten = false)
        {
            if (Column(field) is not { } c || Cell(texts, c.Index) is null) return null;
            var text = asWritten ? StatementCells.AsWritten(row.Cells[c.Index])! : texts[c.Index]!;
            if (text.Length > max) Problem(c, Codes.Statement.TooLong.With(row.Number, c.Header, Ref(c), max));
            return text;
        }
        long? Fen(string field, bool required)
        {
            if (Column(field) is not { } c) return null;
            var raw = c.Index < row.Cells.Length ? row.Cells[c.Index] : null;
            if (Cell(texts, c.Index) is not { } text)
            {
                if (required) Problem(c, Codes.Statement.AmountMissing.With(row.Number, c.Header, Ref(c)));
                return null;
            }
            if (StatementCells.TryFen(raw, out var fen)) return fen;
            Problem(c, Codes.Statement.Amount.With(row.Number, c.Header, Ref(c), text));
            return null;
        }

        var status = Words("status", MaxReasonChars, asWritten: true);
        var rejected = mapping.IsRejected(status);
        var number = Words("workOrderNumber", MaxKeyChars);
        var theirs = Words("manufacturerOrderNumber", MaxKeyChars);
        var serial = Words("serialNumber", MaxKeyChars);
        DateOnly? completedOn = null;
        if (Column("completedOn") is { } dateColumn && Cell(texts, dateColumn.Index) is { } dateText)
        {
            if (StatementCells.TryDate(row.Cells[dateColumn.Index], out var day)) completedOn = day;
            else Problem(dateColumn, Codes.Statement.Date.With(row.Number, dateColumn.Header, Ref(dateColumn), dateText));
        }
        var claimed = Fen("claimedAmount", required: false);
        var approved = Fen("approvedAmount", required: !rejected);
        var deduction = Fen("deduction", required: false);
        var reason = Words("deductionReason", MaxReasonChars, asWritten: true);
        if (number is null && theirs is null && (serial is null || completedOn is null) && ok)
        {
            ok = false;
            problem(new StatementProblem(row.Number, null, null, Codes.Statement.NoKey.With(row.Number)));
        }
        if (!ok) return null;
        // A rejected claim is paid nothing, whatever the approved column says; its reason may sit in the status cell
        // ("驳回：旧件未返"), which is then more than one of the rejected words.
        var statusSaysWhy = rejected && !mapping.RejectedWords.Any(w => StatementCells.HeaderKey(w) == StatementCells.HeaderKey(status));
        return new StatementLine(row.Number, number, theirs, serial, completedOn, claimed, rejected ? 0 : approved ?? 0, deduction,
            reason ?? (statusSaysWhy ? status : null), rejected);
    }
}
