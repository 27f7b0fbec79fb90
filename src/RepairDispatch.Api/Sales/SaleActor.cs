using System.Data.Common;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Clients;

namespace RepairDispatch.Api.Sales;

/// <summary>Who writes a sale's orders and events (a till writes as its registering admin, <see cref="ClientActor"/>), and which client sent it.</summary>
public static class SaleActor
{
    public static async Task<(CurrentUser Actor, Guid? ClientId)> OfAsync(DbConnection c, DbTransaction tx, CurrentUser me) =>
        (await ClientActor.OfAsync(c, tx, me), me.Role == ClientScopes.Role ? me.Id : null);
}
