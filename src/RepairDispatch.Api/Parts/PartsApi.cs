using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Parts;

public static class PartsApi
{
    public static void MapParts(this IEndpointRouteBuilder app)
    {
        // Reading is open to every signed-in role: technicians pick parts from the catalogue on site.
        var group = app.MapGroup("/api/v1/parts").WithTags("Parts").RequireAuthorization()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        group.MapPost("/", CreatePart.Handle).RequireAuthorization(Policies.Dispatch).WithName("CreatePart")
            .ProducesValidationProblem().ProducesProblem(409);
        group.MapGet("/", ListParts.Handle).WithName("ListParts").ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetPart.Handle).WithName("GetPart").ProducesProblem(404);
        group.MapGet("/{id:guid}/stock", PartStock.List).WithName("ListPartStock").Produces<Infrastructure.Page<StockLevel>>();
        group.MapPut("/{id:guid}/stock/{storeId:guid}", PartStock.Set).RequireAuthorization(Policies.Dispatch).WithName("SetPartStock")
            .Produces<StockLevel>().ProducesValidationProblem().ProducesProblem(404);
    }
}
