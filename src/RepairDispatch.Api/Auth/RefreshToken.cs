using System.ComponentModel.DataAnnotations;
using Dapper;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Auth;

public sealed record RefreshRequest([property: Required, StringLength(128)] string RefreshToken);

/// <summary>
/// Refresh tokens rotate: each is good once. Presenting a used one again means it leaked, so the whole
/// family (every token descended from that login) is revoked.
/// </summary>
public static class RefreshToken
{
    private const string FindSql = """
        SELECT t.id, t.family_id, t.expires_at, t.used_at, t.revoked_at,
               u.id AS user_id, u.username, u.role, u.store_id, u.technician_id, u.active
        FROM refresh_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = @Hash
        """;
    private const string MarkUsedSql = "UPDATE refresh_tokens SET used_at = @Now WHERE id = @Id AND used_at IS NULL AND revoked_at IS NULL";
    private const string RevokeFamilySql = "UPDATE refresh_tokens SET revoked_at = @Now WHERE family_id = @FamilyId AND revoked_at IS NULL";

    public static async Task<IResult> Refresh(RefreshRequest request, Db db, Tokens tokens, TimeProvider clock, ILoggerFactory logs)
    {
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var row = await c.QuerySingleOrDefaultAsync<Row>(FindSql, new { Hash = Tokens.Hash(request.RefreshToken) }, tx);
            if (row is null || row.ExpiresAt <= now || row.RevokedAt is not null || !row.Active) return Invalid();
            if (row.UsedAt is not null || await c.ExecuteAsync(MarkUsedSql, new { Now = now, row.Id }, tx) == 0)
            {
                await c.ExecuteAsync(RevokeFamilySql, new { Now = now, row.FamilyId }, tx);
                logs.CreateLogger(typeof(RefreshToken)).LogWarning("Refresh token reused for user {UserId}: family revoked", row.UserId);
                // The leaked family stays revoked although the request is refused.
                return new CommitAndRefuse(Invalid());
            }
            var subject = new TokenSubject(row.UserId, row.Username, row.Role, row.StoreId, row.TechnicianId);
            return TypedResults.Ok(await tokens.IssueAsync(c, tx, subject, row.FamilyId));
        });
    }

    /// <summary>Logout: revokes the presented token's family. Answers 204 whether or not the token was known.</summary>
    public static async Task<IResult> Revoke(RefreshRequest request, Db db, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        await db.InTransactionAsync(async (c, tx) =>
        {
            var row = await c.QuerySingleOrDefaultAsync<Row>(FindSql, new { Hash = Tokens.Hash(request.RefreshToken) }, tx);
            return row is null ? 0 : await c.ExecuteAsync(RevokeFamilySql, new { Now = now, row.FamilyId }, tx);
        });
        return TypedResults.NoContent();
    }

    private static IResult Invalid() => Problems.Make(StatusCodes.Status401Unauthorized, "invalid-refresh-token", Codes.Refusal.BadRefreshToken);

    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid FamilyId { get; init; }
        public DateTimeOffset ExpiresAt { get; init; }
        public DateTimeOffset? UsedAt { get; init; }
        public DateTimeOffset? RevokedAt { get; init; }
        public Guid UserId { get; init; }
        public string Username { get; init; } = "";
        public string Role { get; init; } = "";
        public Guid? StoreId { get; init; }
        public Guid? TechnicianId { get; init; }
        public bool Active { get; init; }
    }
}
