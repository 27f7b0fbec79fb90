using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.InstallerPartners;

public static class GetInstallerPartner
{
    private const string GetSql = "SELECT " + InstallerPartner.Columns + " FROM installer_partners p WHERE p.id = @Id";

    public static async Task<Results<Ok<InstallerPartnerResponse>, ProblemHttpResult>> Handle(Guid id, Db db, Stores.StoreClock clock)
    {
        await using var c = await db.OpenAsync();
        var row = await c.QuerySingleOrDefaultAsync<InstallerPartner.Row>(GetSql, new { Id = id, Today = clock.HeadquartersToday });
        return row is null ? Problems.NotFound(Codes.Thing.InstallerPartner) : TypedResults.Ok((await InstallerPartner.CompleteAsync(c, [row]))[0]);
    }
}
