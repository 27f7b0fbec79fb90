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
    }
}
