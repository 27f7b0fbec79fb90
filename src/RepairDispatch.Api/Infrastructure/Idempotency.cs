using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>
/// `Idempotency-Key` on POST/PATCH, per user: the first request with a key runs, and its key is stored by the
/// request's first transaction (<see cref="IdempotencyScope"/>), with the response; a retry with the same key and
/// the same request gets that response again (header `Idempotent-Replayed: true`) and does nothing; the same key
/// with a different request is refused (422); a retry while the first is still running waits for it or gets 409.
/// Server errors are not kept, so the client may retry them. Keys are swept after the retention period.
/// </summary>
public sealed class Idempotency(Db db, TimeProvider clock, ILogger<Idempotency> logger) : IMiddleware
{
    public const string Header = "Idempotency-Key";

    private const string InsertAnsweredSql = """
        INSERT INTO idempotency_keys (user_id, idempotency_key, request_hash, status_code, content_type, location, etag, body, created_at)
        VALUES (@UserId, @Key, @Hash, @StatusCode, @ContentType, @Location, @ETag, @Body, @Now)
        """;
    private const string FindSql = """
        SELECT request_hash, status_code, content_type, location, etag, body
        FROM idempotency_keys WHERE user_id = @UserId AND idempotency_key = @Key
        """;

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

        var scope = new IdempotencyScope(Guid.Parse(userId), key, await HashAsync(http.Request), clock.GetUtcNow());
        if (await AnswerFromStoreAsync(http, scope)) return;

        var original = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        IdempotencyScope.Current = scope;
        try
        {
            await next(http);
        }
        catch (IdempotencyKeyTakenException)
        {
            // A concurrent request with this key committed first: nothing of ours was written; answer with its response.
            http.Response.Body = original;
            http.Response.Clear();
            if (!await AnswerFromStoreAsync(http, scope)) throw;
            return;
        }
        finally
        {
            IdempotencyScope.Current = null;
            http.Response.Body = original;
        }
        if (!await KeepAsync(http, scope, buffer))
        {
            http.Response.Clear();
            await AnswerFromStoreAsync(http, scope);
            return;
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original);
    }

    /// <summary>
    /// Stores the response unless the handler's transaction did; a request that wrote nothing keeps its answer too.
    /// False when a concurrent twin stored its answer first: then that one is the answer.
    /// </summary>
    private async Task<bool> KeepAsync(HttpContext http, IdempotencyScope scope, MemoryStream buffer)
    {
        var status = http.Response.StatusCode;
        if (scope.Answered || status >= 500 && !scope.Claimed) return true;
        var response = new
        {
            scope.UserId, scope.Key, scope.Hash, scope.Now, StatusCode = status, http.Response.ContentType,
            Body = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length),
            Location = http.Response.Headers.Location.ToString(), ETag = http.Response.Headers.ETag.ToString(),
        };
        await using var c = await db.OpenAsync();
        if (scope.Claimed)
        {
            await c.ExecuteAsync(IdempotencyScope.RespondSql, response);
            return true;
        }
        try
        {
            await c.ExecuteAsync(InsertAnsweredSql, response);
            return true;
        }
        catch (DbException e) when (DbErrors.IsConstraintViolation(e))
        {
            return false;
        }
    }

    /// <summary>Answers from the stored key, if there is one: 422 for another request, 409 while running, else the replay.</summary>
    private async Task<bool> AnswerFromStoreAsync(HttpContext http, IdempotencyScope scope)
    {
        Stored? stored;
        await using (var c = await db.OpenAsync(http.RequestAborted))
            stored = await c.QuerySingleOrDefaultAsync<Stored>(FindSql, new { scope.UserId, scope.Key });
        if (stored is null) return false;
        if (stored.RequestHash != scope.Hash)
        {
            await Problems.Make(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused",
                Codes.Refusal.IdempotencyKeyReused).ExecuteAsync(http);
            return true;
        }
        if (stored.StatusCode is not { } status)
        {
            await Problems.Conflict("request-in-progress", Codes.Refusal.RequestInProgress).ExecuteAsync(http);
            return true;
        }
        logger.LogInformation("Replayed the response for Idempotency-Key {IdempotencyKey}", scope.Key);
        http.Response.StatusCode = (int)status;
        http.Response.Headers["Idempotent-Replayed"] = "true";
        if (!string.IsNullOrEmpty(stored.Location)) http.Response.Headers.Location = stored.Location;
        if (!string.IsNullOrEmpty(stored.Etag)) http.Response.Headers.ETag = stored.Etag;
        if (!string.IsNullOrEmpty(stored.ContentType)) http.Response.ContentType = stored.ContentType;
        if (!string.IsNullOrEmpty(stored.Body)) await http.Response.WriteAsync(stored.Body);
        return true;
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
