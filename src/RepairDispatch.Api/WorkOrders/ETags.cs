using System.Globalization;

namespace RepairDispatch.Api.WorkOrders;

/// <summary>An ETag is the row version; If-Match carries the version the client last read.</summary>
public static class ETags
{
    /// <summary>Null when absent; -1 when present but not one of ours (it can never match).</summary>
    public static long? IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header)) return null;
        var tag = header.Trim();
        if (tag.StartsWith("W/", StringComparison.Ordinal)) tag = tag[2..];
        return long.TryParse(tag.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;
    }
}

/// <summary>Adds an ETag header to a result.</summary>
public sealed class WithETag(string etag, IResult inner) : IResult, INestedHttpResult
{
    public IResult Result => inner;

    public Task ExecuteAsync(HttpContext http)
    {
        http.Response.Headers.ETag = etag;
        return inner.ExecuteAsync(http);
    }
}
