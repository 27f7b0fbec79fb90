using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Manufacturers;

public static class GetManufacturer
{
    private const string GetSql = "SELECT " + Manufacturer.Columns + " FROM manufacturers WHERE id = @Id";

    public static async Task<Results<Ok<ManufacturerResponse>, ProblemHttpResult>> Handle(Guid id, Db db)
    {
        await using var c = await db.OpenAsync();
        var row = await c.QuerySingleOrDefaultAsync<Manufacturer.Row>(GetSql, new { Id = id });
        return row is null ? Problems.NotFound(Codes.Thing.Manufacturer) : TypedResults.Ok(row.ToResponse());
    }
}
