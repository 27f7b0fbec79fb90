using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Public;

public enum LinkKind { Order, Appliance }

/// <summary>A link as stored: the token's hash, what it opens, its life, and (for an appliance) the pending SMS code.</summary>
public sealed class PublicLink
{
    public Guid Id { get; init; }
    public LinkKind Kind { get; init; }
    public Guid StoreId { get; init; }
    public Guid? WorkOrderId { get; init; }
    public Guid? ApplianceId { get; init; }
    public Guid CreatedByUserId { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public string? CodeHash { get; init; }
    public DateTimeOffset? CodeExpiresAt { get; init; }
    public long FailedCodes { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }

    /// <summary>What the customer does is recorded under the member of staff who made the link, shown as the customer.</summary>
    public CurrentUser Actor => new(CreatedByUserId, "customer", "customer", StoreId, null);
}

/// <summary>
/// Link tokens: 256 random bits from the system's CSPRNG, base64url; only their SHA-256 is stored, so a copy of the
/// database opens nothing. Each message or desk request makes a new token (an old one cannot be shown again: it is not kept).
/// </summary>
public static class PublicLinks
{
    private const string InsertSql = """
        INSERT INTO public_links (id, token_hash, kind, store_id, work_order_id, appliance_id, created_by_user_id, created_at, expires_at, failed_codes)
        VALUES (@Id, @TokenHash, @Kind, @StoreId, @WorkOrderId, @ApplianceId, @CreatedByUserId, @Now, @ExpiresAt, 0)
        """;
    private const string FindSql = """
        SELECT id, kind, store_id, work_order_id, appliance_id, created_by_user_id, expires_at, revoked_at, code_hash, code_expires_at,
               failed_codes, locked_until
        FROM public_links WHERE token_hash = @TokenHash
        """;

    /// <summary>Where links point when nothing is configured and no request says (messages written by a job).</summary>
    public static string DefaultBase { get; set; } = "http://localhost:5080";

    public static string NewToken() => Secrets.New();

    public static string Hash(string value) => Convert.ToHexStringLower(Secrets.Sha256(value));

    /// <summary>A code's hash is salted with its link, so equal codes of two links differ.</summary>
    public static string CodeHash(Guid linkId, string code) => Hash(linkId.ToString("N") + ":" + code);

    public static async Task<(string Token, DateTimeOffset ExpiresAt)> IssueAsync(DbConnection c, DbTransaction tx, LinkKind kind, Guid storeId,
        Guid subject, Guid createdBy, DateTimeOffset now, int days)
    {
        var token = NewToken();
        var expiresAt = now.AddDays(days);
        await c.ExecuteAsync(InsertSql, new
        {
            Id = Guid.CreateVersion7(), TokenHash = Hash(token), Kind = kind.ToString(), StoreId = storeId,
            WorkOrderId = kind == LinkKind.Order ? subject : (Guid?)null, ApplianceId = kind == LinkKind.Appliance ? subject : (Guid?)null,
            CreatedByUserId = createdBy, Now = now, ExpiresAt = expiresAt,
        }, tx);
        return (token, expiresAt);
    }

    /// <summary>The live link of this kind for a token; an unknown, expired, revoked or other-kind token finds nothing.</summary>
    public static async Task<PublicLink?> FindAsync(DbConnection c, DbTransaction? tx, string token, LinkKind kind, DateTimeOffset now)
    {
        if (token.Length is < 20 or > 100) return null;
        var link = await c.QuerySingleOrDefaultAsync<PublicLink>(FindSql, new { TokenHash = Hash(token) }, tx);
        return link is not null && link.Kind == kind && link.RevokedAt is null && link.ExpiresAt > now ? link : null;
    }

    public static string Url(string baseUrl, LinkKind kind, string token) =>
        baseUrl.TrimEnd('/') + (kind == LinkKind.Order ? "/c/" : "/c/a/") + token;

    public static string BaseOf(PublicOptions options, HttpContext? http) =>
        options.BaseUrl ?? (http is null ? DefaultBase : $"{http.Request.Scheme}://{http.Request.Host}");
}
