using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Customers;

public static class GetAppliance
{
    private const string GetSql = "SELECT " + Appliance.Columns + Appliance.From + "WHERE a.id = @Id";

    public static async Task<Results<Ok<ApplianceResponse>, ProblemHttpResult>> Handle(Guid id, HttpContext http, Db db)
    {
        await using var c = await db.OpenAsync();
        var row = await c.QuerySingleOrDefaultAsync<Appliance.Row>(GetSql, new { Id = id });
        return row is null ? Problems.NotFound(Codes.Thing.Appliance) : TypedResults.Ok(row.ToResponse());
    }
}
