using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Clients;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Api.ManufacturerOrders;

/// <summary>
/// Who acts for a request: a person as themselves; a machine client as the admin who registered it (<see cref="ClientActor"/>),
/// under the client's name and within the client's store, if it has one.
/// </summary>
public static class BrandCaller
{
    public static async Task<CurrentUser> ResolveAsync(HttpContext http, Db db)
    {
        var me = http.Me();
        if (me.Role != ClientScopes.Role) return me;
        await using var c = await db.OpenAsync();
        return await ClientActor.OfAsync(c, null, me) with { Username = "client:" + me.Username };
    }
}
