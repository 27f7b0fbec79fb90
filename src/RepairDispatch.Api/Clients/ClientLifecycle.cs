using Dapper;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Clients;

/// <summary>
/// Listing, rotating and revoking clients. A rotation answers the new secret once and ends the old one at once (the
/// integration's owner installs the new secret, then rotates again if it leaked meanwhile); a revocation is final.
/// </summary>
public static class ClientLifecycle
{
    private const string ListSql = $"SELECT {ClientRow.Columns} FROM api_clients ORDER BY name";
    private const string ReadSql = $"SELECT {ClientRow.Columns} FROM api_clients WHERE id = @Id";
    private const string RotateSql = """
        UPDATE api_clients SET secret_hash = @SecretHash, secret_version = secret_version + 1, rotated_at = @Now
        WHERE id = @Id AND revoked_at IS NULL
        """;
    private const string RevokeSql = "UPDATE api_clients SET revoked_at = @Now WHERE id = @Id AND revoked_at IS NULL";

    public static async Task<IResult> List(Db db)
    {
        await using var c = await db.OpenAsync();
        var rows = await c.QueryAsync<ClientRow>(ListSql);
        return TypedResults.Ok(new Page<ClientView>(rows.Select(r => r.View()).ToList(), null));
    }

    public static async Task<IResult> Get(Guid id, Db db)
    {
        await using var c = await db.OpenAsync();
        var row = await c.QuerySingleOrDefaultAsync<ClientRow>(ReadSql, new { Id = id });
        return row is null ? Problems.NotFound(Codes.Client.Thing) : TypedResults.Ok(row.View());
    }

    public static async Task<IResult> Rotate(Guid id, Db db, TimeProvider clock)
    {
        var secret = ClientSecrets.New();
        var args = new { Id = id, SecretHash = ClientSecrets.Hash(secret), Now = clock.GetUtcNow() };
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var row = await c.QuerySingleOrDefaultAsync<ClientRow>(ReadSql, args, tx);
            if (row is null) return Problems.NotFound(Codes.Client.Thing);
            if (row.RevokedAt is not null) return Problems.Conflict("client-revoked", Codes.Client.Revoked);
            await c.ExecuteAsync(RotateSql, args, tx);
            var rotated = await c.QuerySingleAsync<ClientRow>(ReadSql, args, tx);
            return TypedResults.Ok(new ClientSecretResponse(id, secret, rotated.View()));
        });
    }

    public static async Task<IResult> Revoke(Guid id, Db db, TimeProvider clock)
    {
        var args = new { Id = id, Now = clock.GetUtcNow() };
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var row = await c.QuerySingleOrDefaultAsync<ClientRow>(ReadSql, args, tx);
            if (row is null) return Problems.NotFound(Codes.Client.Thing);
            await c.ExecuteAsync(RevokeSql, args, tx);
            return TypedResults.Ok((await c.QuerySingleAsync<ClientRow>(ReadSql, args, tx)).View());
        });
    }
}
