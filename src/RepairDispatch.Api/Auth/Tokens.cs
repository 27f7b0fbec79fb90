using System.Data.Common;
using System.Security.Claims;
using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RepairDispatch.Api.Auth;

public sealed record TokenResponse(
    string AccessToken, string TokenType, DateTimeOffset ExpiresAt, string Role, Guid UserId, Guid? TechnicianId,
    string RefreshToken, DateTimeOffset RefreshExpiresAt);

public sealed record TokenSubject(Guid Id, string Username, string Role, Guid? StoreId, Guid? TechnicianId);

/// <summary>Issues a short-lived JWT access token and a rotating, stored (hashed) refresh token.</summary>
public sealed class Tokens(IOptions<AuthOptions> options, SymmetricSecurityKey key, TimeProvider clock)
{
    public const string Audience = "repairdispatch-api";

    private const string InsertRefreshSql = """
        INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at, created_at)
        VALUES (@Id, @UserId, @FamilyId, @TokenHash, @ExpiresAt, @CreatedAt)
        """;

    public async Task<TokenResponse> IssueAsync(DbConnection db, DbTransaction? tx, TokenSubject user, Guid familyId)
    {
        var now = clock.GetUtcNow();
        var expires = now.AddMinutes(options.Value.AccessTokenMinutes);
        var claims = new Dictionary<string, object>
        {
            ["sub"] = user.Id.ToString(),
            ["name"] = user.Username,
            ["role"] = user.Role,
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        if (user.StoreId is { } store) claims[CurrentUser.StoreClaim] = store.ToString();
        if (user.TechnicianId is { } tech) claims[CurrentUser.TechnicianClaim] = tech.ToString();
        var access = Sign(claims, now, expires);

        var refresh = Secrets.New();
        var refreshExpires = now.AddDays(options.Value.RefreshTokenDays);
        await db.ExecuteAsync(InsertRefreshSql, new
        {
            Id = Guid.CreateVersion7(), UserId = user.Id, FamilyId = familyId, TokenHash = Hash(refresh),
            ExpiresAt = refreshExpires, CreatedAt = now,
        }, tx);
        return new TokenResponse(access, "Bearer", expires, user.Role, user.Id, user.TechnicianId, refresh, refreshExpires);
    }

    /// <summary>An access token with these claims, of the configured lifetime from now (users' and machine clients').</summary>
    public (string Token, DateTimeOffset ExpiresAt) Access(Dictionary<string, object> claims)
    {
        var now = clock.GetUtcNow();
        var expires = now.AddMinutes(options.Value.AccessTokenMinutes);
        return (Sign(claims, now, expires), expires);
    }

    private string Sign(Dictionary<string, object> claims, DateTimeOffset now, DateTimeOffset expires) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = Audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });

    public static string Hash(string refreshToken) => Convert.ToHexString(Secrets.Sha256(refreshToken));

    public static TokenValidationParameters Validation(AuthOptions options, SymmetricSecurityKey key) => new()
    {
        ValidIssuer = options.Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = "name",
        RoleClaimType = "role",
    };

    /// <summary>Lifetimes judged by the service's clock, the one that issued the token (IdentityModel alone reads DateTime.UtcNow).</summary>
    public static LifetimeValidator Lifetime(TimeProvider clock) => (notBefore, expires, _, parameters) =>
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return expires is { } until && now - parameters.ClockSkew <= until && (notBefore is not { } from || from <= now + parameters.ClockSkew);
    };
}
