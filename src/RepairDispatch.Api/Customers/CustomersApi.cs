using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Customers;

public static class CustomersApi
{
    public static void MapCustomers(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/v1/customers").WithTags("Customers").RequireAuthorization(Policies.Intake)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        customers.MapPost("/", CreateCustomer.Handle).WithName("CreateCustomer").ProducesValidationProblem();
        customers.MapGet("/", ListCustomers.Handle).WithName("ListCustomers").ProducesValidationProblem();
        customers.MapGet("/{id:guid}", GetCustomer.Handle).WithName("GetCustomer").ProducesProblem(404);
        customers.MapPost("/{id:guid}/appliances", AddAppliance.Handle).WithName("AddAppliance").ProducesValidationProblem().ProducesProblem(404);
        customers.MapGet("/{id:guid}/appliances", ListAppliances.Handle).WithName("ListAppliances").ProducesValidationProblem().ProducesProblem(404);

        var appliances = app.MapGroup("/api/v1/appliances").WithTags("Customers").RequireAuthorization(Policies.Intake)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        appliances.MapGet("/{id:guid}", GetAppliance.Handle).WithName("GetAppliance").ProducesProblem(404);
        appliances.MapGet("/{id:guid}/intake-preview", WorkOrders.IntakePreview.Handle).WithName("PreviewIntake")
            .Produces<WorkOrders.IntakePreviewResponse>().ProducesValidationProblem().ProducesProblem(404);
    }
}
