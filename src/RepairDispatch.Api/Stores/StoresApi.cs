using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Stores;

public static class StoresApi
{
    public static void MapStores(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/stores").WithTags("Stores").RequireAuthorization()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        group.MapPost("/", StoreHandlers.Create).RequireAuthorization(Policies.Admin).WithName("CreateStore").ProducesValidationProblem().ProducesProblem(409);
        group.MapGet("/", StoreHandlers.List).WithName("ListStores");
        group.MapGet("/{id:guid}", StoreHandlers.Get).WithName("GetStore").ProducesProblem(404);
        group.MapPatch("/{id:guid}", UpdateStore.Handle).RequireAuthorization(Policies.Admin).WithName("UpdateStore").Produces<StoreResponse>()
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428);
    }
}
