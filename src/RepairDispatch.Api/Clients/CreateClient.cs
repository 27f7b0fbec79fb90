using System.ComponentModel.DataAnnotations;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Clients;

/// <param name="StoreId">A till's client belongs to its store: what it sends is that store's; none means any store.</param>
public sealed record CreateClientRequest(
    [property: Required, StringLength(100, MinimumLength = 2)] string Name,
    [property: Required, MinLength(1)] string[] Scopes,
    Guid? StoreId);

public static class CreateClient
{
    private const string InsertSql = """
        INSERT INTO api_clients (id, name, scopes, store_id, secret_hash, secret_version, created_by_user_id, created_at)
        VALUES (@Id, @Name, @Scopes, @StoreId, @SecretHash, 1, @UserId, @Now)
        """;
    private const string NameTakenSql = "SELECT COUNT(*) FROM api_clients WHERE name = @Name";
    private const string StoreExistsSql = "SELECT COUNT(*) FROM stores WHERE id = @StoreId";
    private const string ReadSql = $"SELECT {ClientRow.Columns} FROM api_clients WHERE id = @Id";

    public static async Task<IResult> Handle(CreateClientRequest request, HttpContext http, Db db, TimeProvider clock)
    {
        if (request.Scopes.FirstOrDefault(s => !ClientScopes.All.Contains(s)) is { } unknown)
            return Problems.Validation("scopes", Codes.Client.UnknownScope.With(unknown, string.Join(", ", ClientScopes.All)));
        var secret = ClientSecrets.New();
        var args = new
        {
            Id = Guid.CreateVersion7(), Name = request.Name.Trim(), Scopes = string.Join(' ', request.Scopes.Distinct().Order()), request.StoreId,
            SecretHash = ClientSecrets.Hash(secret), UserId = http.Me().Id, Now = clock.GetUtcNow(),
        };
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            if (request.StoreId is not null && await c.ExecuteScalarAsync<long>(StoreExistsSql, args, tx) == 0)
                return Problems.Validation("storeId", Codes.Refusal.NoSuchStore);
            if (await c.ExecuteScalarAsync<long>(NameTakenSql, args, tx) > 0)
                return Problems.Conflict("client-name-taken", Codes.Client.NameTaken.With(args.Name));
            await c.ExecuteAsync(InsertSql, args, tx);
            var row = await c.QuerySingleAsync<ClientRow>(ReadSql, args, tx);
            return TypedResults.Created($"/api/v1/clients/{args.Id}", new ClientSecretResponse(args.Id, secret, row.View()));
        });
    }
}
