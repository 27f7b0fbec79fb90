using System.Data.Common;
using Dapper;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>
/// The Idempotency-Key of the request being handled, travelling with it (an AsyncLocal) into <see cref="Db"/>:
/// the first transaction of the request writes the key's row, so the key is stored in the same transaction as
/// the effect, or not at all. A concurrent request with the same key waits on that row's lock (SQL Server) or on
/// the writer queue (SQLite), then fails on the primary key and is answered with the stored response.
/// </summary>
public sealed class IdempotencyScope(Guid userId, string key, string requestHash, DateTimeOffset now)
{
    private static readonly AsyncLocal<IdempotencyScope?> Ambient = new();

    private const string ClaimSql = """
        INSERT INTO idempotency_keys (user_id, idempotency_key, request_hash, created_at)
        VALUES (@UserId, @Key, @Hash, @Now)
        """;
    public const string RespondSql = """
        UPDATE idempotency_keys SET status_code = @StatusCode, content_type = @ContentType, location = @Location, etag = @ETag, body = @Body
        WHERE user_id = @UserId AND idempotency_key = @Key
        """;

    public static IdempotencyScope? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    public Guid UserId { get; } = userId;
    public string Key { get; } = key;
    public string Hash { get; } = requestHash;
    public DateTimeOffset Now { get; } = now;

    /// <summary>A committed transaction holds the key's row.</summary>
    public bool Claimed { get; private set; }

    /// <summary>The committed row holds the response too (the handler gave it inside its transaction).</summary>
    public bool Answered { get; private set; }

    private StoredResponse? _pending;

    /// <summary>Called by a handler inside its transaction with the exact response it will send.</summary>
    public void Respond(int statusCode, string contentType, string body, string? etag = null, string? location = null) =>
        _pending = new StoredResponse(statusCode, contentType, body, etag, location);

    internal async Task BeginAsync(DbConnection c, DbTransaction tx)
    {
        _pending = null;
        try
        {
            await c.ExecuteAsync(ClaimSql, new { UserId, Key, Hash, Now }, tx);
        }
        catch (DbException e) when (DbErrors.IsConstraintViolation(e))
        {
            throw new IdempotencyKeyTakenException();
        }
    }

    internal async Task BeforeCommitAsync(DbConnection c, DbTransaction tx)
    {
        if (_pending is { } r)
            await c.ExecuteAsync(RespondSql, new { UserId, Key, r.StatusCode, r.ContentType, r.Location, ETag = r.ETag, r.Body }, tx);
    }

    internal void Committed() => (Claimed, Answered) = (true, _pending is not null);

    private sealed record StoredResponse(int StatusCode, string ContentType, string Body, string? ETag, string? Location);
}

/// <summary>Another request with the same Idempotency-Key committed first; the middleware answers with its response.</summary>
public sealed class IdempotencyKeyTakenException() : Exception("The Idempotency-Key was taken by a concurrent request.");
