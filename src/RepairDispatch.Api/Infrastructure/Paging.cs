using System.Buffers.Text;
using System.Text;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Infrastructure;

public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// Keyset cursors: an opaque token holding the sort key of the last item served, so pages stay stable while
/// rows are added. Lists sort by (created_at DESC, id DESC).
/// </summary>
public static class Cursor
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static string Encode(DateTimeOffset createdAt, Guid id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{createdAt.UtcTicks}:{id:N}"));

    public static bool TryDecode(string? cursor, out DateTimeOffset createdAt, out Guid id)
    {
        createdAt = default;
        id = default;
        if (string.IsNullOrEmpty(cursor)) return false;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split(':');
            if (parts.Length != 2 || !long.TryParse(parts[0], out var ticks) || !Guid.TryParseExact(parts[1], "N", out id)) return false;
            createdAt = new DateTimeOffset(ticks, TimeSpan.Zero);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Checks page size and cursor; returns a validation problem naming the parameter, or null when fine.</summary>
    public static IResult? Validate(int? pageSize, string? cursor)
    {
        if (pageSize is < 1 or > MaxPageSize) return Problems.Validation("pageSize", Codes.Refusal.PageSizeRange.With(MaxPageSize));
        if (cursor is not null && !TryDecode(cursor, out _, out _)) return Problems.Validation("cursor", Codes.Refusal.NotOurCursor);
        return null;
    }

    /// <summary>Items are fetched one beyond the page size: the extra one only tells that a next page exists.</summary>
    public static Page<T> Cut<T>(List<T> rows, int pageSize, Func<T, (DateTimeOffset CreatedAt, Guid Id)> key)
    {
        if (rows.Count <= pageSize) return new Page<T>(rows, null);
        rows.RemoveAt(rows.Count - 1);
        var (createdAt, id) = key(rows[^1]);
        return new Page<T>(rows, Encode(createdAt, id));
    }
}

/// <summary>The one place that knows how each database limits rows: SQLite appends LIMIT, SQL Server puts TOP after SELECT.</summary>
public static class Paging
{
    /// <summary>The first @Take rows of <paramref name="select"/> (a whole "SELECT … ORDER BY …" statement, in that order).</summary>
    /// <param name="sqlServerOption">A SQL Server query hint, e.g. "OPTION (RECOMPILE)" for a catch-all filter that should get a plan per call.</param>
    public static DialectSql FirstRows(string select, string sqlServerOption = "")
    {
        const string keyword = "SELECT ";
        if (!select.StartsWith(keyword, StringComparison.Ordinal) || select.StartsWith(keyword + "DISTINCT", StringComparison.Ordinal))
            throw new ArgumentException("Expected a statement that starts with SELECT (and not SELECT DISTINCT).", nameof(select));
        var sqlServer = "SELECT TOP (@Take) " + select[keyword.Length..];
        return new DialectSql(Sqlite: select + " LIMIT @Take", SqlServer: sqlServerOption.Length == 0 ? sqlServer : sqlServer + " " + sqlServerOption);
    }
}
