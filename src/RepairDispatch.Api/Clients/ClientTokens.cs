using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Clients;

public sealed record ClientTokenRequest(
    [property: Required] Guid? ClientId,
    [property: Required, StringLength(128)] string ClientSecret);

public sealed record ClientTokenResponse(string AccessToken, string TokenType, DateTimeOffset ExpiresAt, IReadOnlyList<string> Scopes);

/// <summary>
/// The client-credentials exchange: a client's secret for a short-lived access token with its scopes (no refresh
/// token: the client holds its secret and asks again). Each request with a client token re-reads the client, so a
/// rotation or revocation ends the tokens already out on their next use, on every node.
/// </summary>
public static class ClientTokens
{
    private const string ReadSql = "SELECT id, name, scopes, store_id, secret_hash, secret_version, revoked_at FROM api_clients WHERE id = @ClientId";
    private const string UsedSql = "UPDATE api_clients SET last_token_at = @Now WHERE id = @ClientId";
    private const string CheckSql = "SELECT secret_version FROM api_clients WHERE id = @Id AND revoked_at IS NULL";

    public static async Task<IResult> Issue(ClientTokenRequest request, Db db, TimeProvider clock, Tokens tokens, ILoggerFactory logs)
    {
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var row = await c.QuerySingleOrDefaultAsync<ClientRow>(ReadSql, new { request.ClientId }, tx);
            if (row is null || row.RevokedAt is not null || !ClientSecrets.Matches(row.SecretHash, request.ClientSecret))
            {
                logs.CreateLogger(typeof(ClientTokens)).LogWarning("Client token refused for {ClientId}", request.ClientId);
                return Problems.Make(StatusCodes.Status401Unauthorized, "invalid-client", Codes.Client.InvalidCredentials);
            }
            await c.ExecuteAsync(UsedSql, new { request.ClientId, Now = now }, tx);
            var claims = new Dictionary<string, object>
            {
                ["sub"] = row.Id.ToString(),
                ["name"] = row.Name,
                ["role"] = ClientScopes.Role,
                [ClientScopes.Claim] = row.ScopeList,
                [ClientScopes.VersionClaim] = row.SecretVersion,
                ["jti"] = Guid.NewGuid().ToString("N"),
            };
            if (row.StoreId is { } store) claims[CurrentUser.StoreClaim] = store.ToString();
            var (token, expires) = tokens.Access(claims);
            return TypedResults.Ok(new ClientTokenResponse(token, "Bearer", expires, row.ScopeList));
        });
    }

    /// <summary>JwtBearer's OnTokenValidated: a client token is good only while its client is active on the same secret.</summary>
    public static async Task CheckStillValid(TokenValidatedContext context)
    {
        var principal = context.Principal;
        if (principal is null || !principal.IsInRole(ClientScopes.Role)) return;
        var version = principal.FindFirst(ClientScopes.VersionClaim)?.Value;
        if (!Guid.TryParse(principal.FindFirst("sub")?.Value, out var id) || version is null)
        {
            context.Fail("Malformed client token");
            return;
        }
        var db = context.HttpContext.RequestServices.GetRequiredService<Db>();
        await using var c = await db.OpenAsync();
        var current = await c.QuerySingleOrDefaultAsync<long?>(CheckSql, new { Id = id });
        if (current is null || current.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) != version)
            context.Fail("Client revoked or its secret rotated");
    }
}
