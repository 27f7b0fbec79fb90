using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>
/// `Idempotency-Key` on POST/PATCH: the first request with a key runs and its response is kept; a retry with the
/// same key and the same request gets that response again (header `Idempotent-Replayed: true`) instead of a
/// second create; the same key with a different request is refused (422); a retry while the first is still
/// running gets 409. Keys are per user. Server errors are not kept, so the client may retry them.
/// </summary>
public sealed class Idempotency(Db db, TimeProvider clock, ILogger<Idempotency> logger) : IMiddleware
{
    public const string Header = "Idempotency-Key";

    private const string ClaimSql = """
        INSERT INTO idempotency_keys (user_id, idempotency_key, request_hash, created_at)
        VALUES (@UserId, @Key, @Hash, @Now)
        """;
    private const string FindSql = """
        SELECT request_hash, status_code, content_type, location, etag, body
        FROM idempotency_keys WHERE user_id = @UserId AND idempotency_key = @Key
        """;
    private const string CompleteSql = """
        UPDATE idempotency_keys SET status_code = @StatusCode, content_type = @ContentType, location = @Location, etag = @ETag, body = @Body
        WHERE user_id = @UserId AND idempotency_key = @Key
        """;
    private const string ReleaseSql = "DELETE FROM idempotency_keys WHERE user_id = @UserId AND idempotency_key = @Key";

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var key = http.Request.Headers[Header].ToString();
        var userId = http.User.FindFirst("sub")?.Value;
        if (key.Length == 0 || userId is null || !HttpMethods.IsPost(http.Request.Method) && !HttpMethods.IsPatch(http.Request.Method))
        {
            await next(http);
            return;
        }
        if (key.Length > 100) throw new BadHttpRequestException("Idempotency-Key must be at most 100 characters.");

        var args = new { UserId = Guid.Parse(userId), Key = key, Hash = await HashAsync(http.Request), Now = clock.GetUtcNow() };
        await using (var c = await db.OpenAsync(http.RequestAborted))
        {
            if (!await TryClaimAsync(c, args))
            {
                await AnswerFromStoreAsync(http, c, args.UserId, key, args.Hash);
                return;
            }
        }

        var original = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        catch
        {
            // Failed requests are not kept: the key is released and the exception handler answers.
            http.Response.Body = original;
            await using var failed = await db.OpenAsync();
            await failed.ExecuteAsync(ReleaseSql, args);
            throw;
        }
        http.Response.Body = original;
        await using (var c = await db.OpenAsync())
        {
            var status = http.Response.StatusCode;
            if (status >= 500) await c.ExecuteAsync(ReleaseSql, args);
            else await c.ExecuteAsync(CompleteSql, new
            {
                args.UserId, args.Key, StatusCode = status, http.Response.ContentType, Body = Encoding.UTF8.GetString(buffer.ToArray()),
                Location = http.Response.Headers.Location.ToString(), ETag = http.Response.Headers.ETag.ToString(),
            });
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original);
    }

    private static async Task<bool> TryClaimAsync(DbConnection c, object args)
    {
        try
        {
            await c.ExecuteAsync(ClaimSql, args);
            return true;
        }
        catch (DbException e) when (DbErrors.IsConstraintViolation(e))
        {
            return false;
        }
    }

    private async Task AnswerFromStoreAsync(HttpContext http, DbConnection c, Guid userId, string key, string hash)
    {
        var stored = await c.QuerySingleAsync<Stored>(FindSql, new { UserId = userId, Key = key });
        if (stored.RequestHash != hash)
        {
            await Problems.Make(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused", "Idempotency-Key reused.",
                "This Idempotency-Key was used for a different request; use a new key for a new request.").ExecuteAsync(http);
            return;
        }
        if (stored.StatusCode is not { } status)
        {
            await Problems.Conflict("request-in-progress", "A request with this Idempotency-Key is still being processed; retry shortly.").ExecuteAsync(http);
            return;
        }
        logger.LogInformation("Replayed the response for Idempotency-Key {IdempotencyKey}", key);
        http.Response.StatusCode = (int)status;
        http.Response.Headers["Idempotent-Replayed"] = "true";
        if (!string.IsNullOrEmpty(stored.Location)) http.Response.Headers.Location = stored.Location;
        if (!string.IsNullOrEmpty(stored.Etag)) http.Response.Headers.ETag = stored.Etag;
        if (!string.IsNullOrEmpty(stored.ContentType)) http.Response.ContentType = stored.ContentType;
        if (!string.IsNullOrEmpty(stored.Body)) await http.Response.WriteAsync(stored.Body);
    }

    private static async Task<string> HashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0) sha.AppendData(chunk, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private sealed class Stored
    {
        public string RequestHash { get; init; } = "";
        public long? StatusCode { get; init; }
        public string? ContentType { get; init; }
        public string? Location { get; init; }
        public string? Etag { get; init; }
        public string? Body { get; init; }
    }
}
