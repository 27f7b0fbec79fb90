namespace RepairDispatch.Api.Settlements;

/// <summary>
/// Cuts an export's lines (ordered by store) into one section per store: fed each line in turn, it answers the
/// subtotal that closes the previous store's section when a new store begins, and at the end the last one; the grand
/// total is the sum of every line fed, so the subtotals add up to it by construction.
/// </summary>
internal sealed class ExportSections(ExportColumns columns)
{
    public sealed record Subtotal(string Store, long Fen, long Lines);

    private bool _open;
    private Guid? _store;
    private string _label = "";
    private long _fen, _lines;

    public long TotalFen { get; private set; }

    public Subtotal? Next(ReadRuns.LineRow line)
    {
        var closed = _open && line.StoreId != _store ? Close() : null;
        if (!_open)
        {
            (_open, _store, _label, _fen, _lines) = (true, line.StoreId, StoreOf(line), 0, 0);
        }
        _fen += line.AmountFen;
        _lines++;
        TotalFen += line.AmountFen;
        return closed;
    }

    public Subtotal? Last() => _open ? Close() : null;

    public string StoreOf(ReadRuns.LineRow line) => Label(line.StoreCode, line.StoreName, columns);

    /// <summary>"code name" of a store (typed text: kept from running as a formula); the chain's own lines by their name in the export's language.</summary>
    public static string Label(string? code, string? name, ExportColumns columns) => code is null ? columns.ChainLines : ExportRun.SafeText($"{code} {name}")!;

    private Subtotal Close()
    {
        _open = false;
        return new Subtotal(_label, _fen, _lines);
    }
}
