using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Clients;

namespace RepairDispatch.Api.Sales;

/// <summary>
/// Who writes a sale's orders and events. Orders and events name a user; a till is not one, so what it writes is
/// recorded under the admin who registered it, with the till's name as the actor shown in the history.
/// </summary>
public static class SaleActor
{
    private const string ClientSql = "SELECT created_by_user_id FROM api_clients WHERE id = @Id";

    public static async Task<(CurrentUser Actor, Guid? ClientId)> OfAsync(DbConnection c, DbTransaction tx, CurrentUser me)
    {
        if (me.Role != ClientScopes.Role) return (me, null);
        var registeredBy = await c.ExecuteScalarAsync<Guid>(ClientSql, new { me.Id }, tx);
        return (me with { Id = registeredBy }, me.Id);
    }
}
