using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Parts;

public static class GetPart
{
    private const string GetSql = "SELECT " + Part.Columns + " FROM parts WHERE id = @Id";

    public static async Task<Results<Ok<PartResponse>, ProblemHttpResult>> Handle(Guid id, Db db)
    {
        await using var c = await db.OpenAsync();
        var row = await c.QuerySingleOrDefaultAsync<Part.Row>(GetSql, new { Id = id });
        return row is null ? Problems.NotFound(Codes.Thing.Part) : TypedResults.Ok(row.ToResponse());
    }
}
