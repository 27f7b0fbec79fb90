using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Sanbao;

/// <param name="Until">The last day of the strongest remedy; none when it does not end (a stuck repair's exchange) or there is none.</param>
public sealed record EntitlementResponse(
    SanbaoEntitlement Entitlement, DateOnly? Until, IReadOnlyList<string> Reasons, IReadOnlyList<Text> ReasonCodes, EntitlementFactsView Facts)
{
    public static EntitlementResponse Of(ApplianceFacts.Read read)
    {
        var answer = read.Decide();
        return new(answer.Entitlement, answer.Until, [.. answer.Reasons.Select(r => r.Render())], answer.Reasons, read.View(answer));
    }
}

/// <summary>三包 on this appliance today: what the customer is owed, until when, and why.</summary>
public static class GetEntitlement
{
    public static async Task<Results<Ok<EntitlementResponse>, ProblemHttpResult>> Handle(Guid id, HttpContext http, Db db, TimeProvider clock)
    {
        await using var c = await db.OpenAsync();
        if (await ApplianceFacts.FindAsync(c, null, id) is not { } appliance || !http.Me().SeesStore(appliance.StoreId))
            return Problems.NotFound(Codes.Thing.Appliance);
        return TypedResults.Ok(EntitlementResponse.Of(await ApplianceFacts.ReadAsync(c, null, appliance, clock.GetUtcNow())));
    }
}
