using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Clients;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Api.ManufacturerOrders;

/// <summary>
/// Who acts for a request: a person as themselves; a machine client as the admin who registered it (orders and events
/// name a user), under the client's name and within the client's store, if it has one.
/// </summary>
public static class BrandCaller
{
    private const string RegisteredBySql = "SELECT created_by_user_id FROM api_clients WHERE id = @Id";

    public static async Task<CurrentUser> ResolveAsync(HttpContext http, Db db)
    {
        var me = http.Me();
        if (me.Role != ClientScopes.Role) return me;
        await using var c = await db.OpenAsync();
        var registeredBy = await c.QuerySingleAsync<Guid>(RegisteredBySql, new { me.Id });
        return me with { Id = registeredBy, Username = "client:" + me.Username };
    }
}
