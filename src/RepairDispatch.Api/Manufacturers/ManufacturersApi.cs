using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Manufacturers;

public static class ManufacturersApi
{
    public static void MapManufacturers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/manufacturers").WithTags("Manufacturers").RequireAuthorization(Policies.Staff)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        group.MapPost("/", CreateManufacturer.Handle).RequireAuthorization(Policies.Dispatch).WithName("CreateManufacturer")
            .ProducesValidationProblem().ProducesProblem(409);
        group.MapGet("/", ListManufacturers.Handle).WithName("ListManufacturers").ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetManufacturer.Handle).WithName("GetManufacturer").ProducesProblem(404);
    }
}
