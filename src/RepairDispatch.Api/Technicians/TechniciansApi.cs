using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Technicians;

public static class TechniciansApi
{
    public static void MapTechnicians(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/technicians").WithTags("Technicians").RequireAuthorization()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        group.MapPost("/", CreateTechnician.Handle).RequireAuthorization(Policies.Dispatch).WithName("CreateTechnician")
            .ProducesValidationProblem().ProducesProblem(409);
        group.MapGet("/", ListTechnicians.Handle).RequireAuthorization(Policies.Staff).WithName("ListTechnicians").ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetTechnician.Handle).WithName("GetTechnician").ProducesProblem(404);
        group.MapPut("/{id:guid}", UpdateTechnician.Handle).RequireAuthorization(Policies.Dispatch).WithName("UpdateTechnician")
            .ProducesValidationProblem().ProducesProblem(404);
        group.MapPost("/{id:guid}/loans", TechnicianLoans.Create).RequireAuthorization(Policies.Dispatch).WithName("LendTechnician")
            .Produces<LoanView>(201).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        group.MapGet("/{id:guid}/loans", TechnicianLoans.List).RequireAuthorization(Policies.Staff).WithName("ListTechnicianLoans").ProducesProblem(404);
        group.MapPost("/{id:guid}/loans/{loanId:guid}/end", TechnicianLoans.End).RequireAuthorization(Policies.Dispatch).WithName("EndTechnicianLoan")
            .Produces<LoanView>().ProducesProblem(404).ProducesProblem(409);
    }
}
