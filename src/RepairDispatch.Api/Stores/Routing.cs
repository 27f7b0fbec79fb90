using System.Data.Common;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Stores;

/// <summary>Where a new order goes: the shop serving the address's district, else the intake store.</summary>
/// <param name="Routed">Said in the timeline when the order went to another store than the one taking it.</param>
public sealed record Route(Guid StoreId, string TimeZone, Text? Routed, ProblemHttpResult? Refusal)
{
    public static Route Refused(ProblemHttpResult problem) => new(Guid.Empty, "", null, problem);
}

public static class Routing
{
    private const string StoreSql = "SELECT id, code, kind, time_zone FROM stores WHERE id = @Id";

    /// <summary>What routing and transfers need to know of a store, or null when there is none.</summary>
    public static Task<StoreFacts?> StoreAsync(DbConnection c, DbTransaction tx, Guid? id) =>
        c.QuerySingleOrDefaultAsync<StoreFacts>(StoreSql, new { Id = id }, tx);

    /// <param name="askedStoreId">The intake store a headquarters user names; a store-bound user's intake store is their own.</param>
    /// <param name="homeStoreId">The customer's home store: the intake store when headquarters names none.</param>
    public static async Task<Route> DecideAsync(DbConnection c, DbTransaction tx, CurrentUser me, Guid? askedStoreId, string? district, Guid homeStoreId)
    {
        if (me.StoreId is { } own && askedStoreId is { } asked && asked != own)
            return Route.Refused(Problems.Validation("storeId", Codes.Refusal.OwnStoreOnly));
        var intakeId = me.StoreId ?? askedStoreId ?? homeStoreId;
        var intake = await StoreAsync(c, tx, intakeId);
        if (intake is null) return Route.Refused(Problems.Validation("storeId", Codes.Refusal.NoSuchStore));
        var serving = await StoreDistricts.RouteAsync(c, tx, district) is { } routedId && routedId != intakeId
            ? await StoreAsync(c, tx, routedId)
            : null;
        if (serving is not null)
            return new Route(serving.Id, serving.TimeZone, Codes.Chain.Routed.With(district!.Trim(), serving.Code, intake.Code), null);
        if (intake.IsWarehouse)
            return Route.Refused(Problems.Validation("storeId", Codes.Chain.WarehouseTakesNoOrders.With(intake.Code)));
        return new Route(intake.Id, intake.TimeZone, null, null);
    }

}

public sealed class StoreFacts
{
    public Guid Id { get; init; }
    public string Code { get; init; } = "";
    public string Kind { get; init; } = "";
    public string TimeZone { get; init; } = "";
    public bool IsWarehouse => Kind == nameof(StoreKind.Warehouse);
}
