using System.ComponentModel.DataAnnotations;
using Dapper;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Stores;

/// <summary>What headquarters changes about a store; an omitted field stays as it is.</summary>
public sealed record UpdateStoreRequest(
    [property: StringLength(200, MinimumLength = 1)] string? Name,
    StoreKind? Kind,
    [property: MaxLength(200)] string[]? Districts,
    [property: StringLength(8)] string? Language);

public static class UpdateStore
{
    private const string UpdateSql = """
        UPDATE stores SET name = @Name, kind = @Kind, language = @Language, version = version + 1
        WHERE id = @Id AND version = @Version
        """;

    public static async Task<IResult> Handle(Guid id, UpdateStoreRequest request, HttpContext http, Db db)
    {
        if (StoreDistricts.Refusal(request.Districts, request.Language) is { } refused) return refused;
        var ifMatch = ETags.IfMatch(http.Request);
        if (ifMatch is null) return Problems.PreconditionRequired();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            if (await StoreReads.ByIdAsync(c, tx, id) is not var (store, version)) return Problems.NotFound(Codes.Thing.Store);
            if (ifMatch != version) return Problems.PreconditionFailed($"\"{version}\"");
            var written = await c.ExecuteAsync(UpdateSql, new
            {
                Id = id, Version = version, Name = request.Name?.Trim() ?? store.Name,
                Kind = (request.Kind ?? store.Kind).ToString(), Language = request.Language ?? store.Language,
            }, tx);
            if (written == 0) return Problems.PreconditionFailed();
            if (request.Districts is not null && await StoreDistricts.ClaimAsync(c, tx, id, StoreDistricts.Clean(request.Districts)) is { } taken) return taken;
            var (changed, newVersion) = (await StoreReads.ByIdAsync(c, tx, id))!.Value;
            return new WithETag($"\"{newVersion}\"", TypedResults.Ok(changed));
        });
    }
}
