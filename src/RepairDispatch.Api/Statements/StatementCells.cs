using System.Globalization;
using System.Text;

namespace RepairDispatch.Api.Statements;

/// <summary>
/// Pure readers of one cell of a manufacturer's statement, as portals write them: text is NFKC-normalised first, so
/// full-width digits, `，` and `￥` become their ASCII forms; amounts may carry `¥`/`元`, thousands separators, spaces
/// or a minus in parentheses; dates come as Excel serials, DateTime cells or text in the common Chinese forms.
/// </summary>
public static class StatementCells
{
    private static readonly string[] DateForms =
        ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd", "yyyy-M-d H:mm", "yyyy-M-d H:mm:ss", "yyyy/M/d H:mm", "yyyy/M/d H:mm:ss"];
    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    /// <summary>The cell as trimmed NFKC text; null when empty.</summary>
    public static string? Text(object? cell)
    {
        var text = cell switch
        {
            null => null,
            string s => s,
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => cell.ToString(),
        };
        if (text is null) return null;
        // ASCII is already NFKC; asking ICU about every cell of a 100,000-line file costs a second.
        text = (Ascii.IsValid(text) ? text : text.Normalize(NormalizationForm.FormKC)).Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>The cell's text as written, trimmed (people's words are kept, not normalised); null when empty.</summary>
    public static string? AsWritten(object? cell) => cell is string s ? (s.Trim() is { Length: > 0 } t ? t : null) : Text(cell);

    /// <summary>A header's text as compared: NFKC, no whitespace at all (portals wrap headers), case-insensitive.</summary>
    public static string HeaderKey(string? text) =>
        string.Concat((Text(text) ?? "").Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();

    /// <summary>An amount in fen, rounded half-up (away from zero) from yuan.</summary>
    public static bool TryFen(object? cell, out long fen)
    {
        fen = 0;
        decimal yuan;
        switch (cell)
        {
            case double d when double.IsFinite(d) && Math.Abs(d) < 1e12:
                yuan = (decimal)d;
                break;
            case decimal m:
                yuan = m;
                break;
            case int or long:
                yuan = Convert.ToDecimal(cell, CultureInfo.InvariantCulture);
                break;
            default:
                if (Text(cell) is not { } text || !TryYuan(text, out yuan)) return false;
                break;
        }
        if (Math.Abs(yuan) >= 1_000_000_000m) return false;
        fen = (long)Math.Round(yuan * 100m, MidpointRounding.AwayFromZero);
        return true;
    }

    private static bool TryYuan(string text, out decimal yuan)
    {
        var s = text.Replace("¥", "").Replace("元", "").Replace("RMB", "", StringComparison.OrdinalIgnoreCase)
            .Replace("CNY", "", StringComparison.OrdinalIgnoreCase).Replace(",", "").Replace(" ", "").Replace("\u00a0", "");
        var negative = false;
        if (s.Length > 2 && s[0] == '(' && s[^1] == ')') (negative, s) = (true, s[1..^1]);
        var ok = decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out yuan);
        if (ok && negative) yuan = -yuan;
        return ok;
    }

    /// <summary>A day from a date cell, an Excel serial (1900 date system) as number or text, or a date written as text.</summary>
    public static bool TryDate(object? cell, out DateOnly day)
    {
        day = default;
        switch (cell)
        {
            case DateTime t:
                day = DateOnly.FromDateTime(t);
                return true;
            case DateOnly d:
                day = d;
                return true;
            case double serial:
                return TrySerial(serial, out day);
        }
        if (Text(cell) is not { } text) return false;
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) && text.Length <= 7 && text.Length != 6)
            return TrySerial(number, out day);
        if (DateTime.TryParseExact(text, DateForms, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            day = DateOnly.FromDateTime(parsed);
            return true;
        }
        return false;
    }

    // Serials 20,000–80,000 are 1954–2119: a completion date is never outside, and a plain number (an amount in the
    // wrong column) mostly is.
    private static bool TrySerial(double serial, out DateOnly day)
    {
        day = default;
        if (!double.IsFinite(serial) || serial < 20_000 || serial > 80_000) return false;
        day = ExcelEpoch.AddDays((int)Math.Floor(serial));
        return true;
    }

    public enum Totals { None, Subtotal, GrandTotal }

    /// <summary>
    /// What a row's first non-empty cell says: a grand total (合计, 总计, Total) ends the table, a subtotal (小计, of a
    /// group) is skipped. Only the first cell counts, so a reason like "合计扣款" in a later column is a line's words.
    /// </summary>
    public static Totals TotalsOf(string? firstCell)
    {
        var key = HeaderKey(firstCell);
        if (key.StartsWith("小计", StringComparison.Ordinal) || key.StartsWith("subtotal", StringComparison.Ordinal)) return Totals.Subtotal;
        return key.StartsWith("合计", StringComparison.Ordinal) || key.StartsWith("总计", StringComparison.Ordinal) || key.StartsWith("total", StringComparison.Ordinal)
            ? Totals.GrandTotal : Totals.None;
    }

    /// <summary>A column's letters from its 0-based index (0 → A, 26 → AA).</summary>
    public static string Letters(int index)
    {
        var s = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26) s = (char)('A' + (i - 1) % 26) + s;
        return s;
    }
}
