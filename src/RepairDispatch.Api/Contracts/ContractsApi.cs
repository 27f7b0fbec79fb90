using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Contracts;

public static class ContractsApi
{
    public static void MapContracts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/manufacturers/{id:guid}/contracts").WithTags("Contracts").RequireAuthorization(Policies.Staff)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        group.MapPost("/", CreateContract.Handle).RequireAuthorization(Policies.Dispatch).WithName("CreateContract")
            .Produces<ContractResponse>(201).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        group.MapGet("/", ReadContracts.List).WithName("ListContracts").Produces<Infrastructure.Page<ContractResponse>>();
        group.MapGet("/{contractId:guid}", ReadContracts.Get).WithName("GetContract").Produces<ContractResponse>().ProducesProblem(404);
    }
}
