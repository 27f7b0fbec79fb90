using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Clients;

/// <summary>
/// Who writes what a machine client sends. Orders and events name a user; a client is not one, so its writes are
/// recorded under the admin who registered it, with the client's name as the actor shown in the history.
/// </summary>
public static class ClientActor
{
    private const string RegisteredBySql = "SELECT created_by_user_id FROM api_clients WHERE id = @Id";

    public static async Task<CurrentUser> OfAsync(DbConnection c, DbTransaction? tx, CurrentUser me) =>
        me.Role != ClientScopes.Role ? me : me with { Id = await c.ExecuteScalarAsync<Guid>(RegisteredBySql, new { me.Id }, tx) };
}
