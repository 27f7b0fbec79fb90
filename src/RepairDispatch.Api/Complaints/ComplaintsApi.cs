using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Complaints;

public static class ComplaintsApi
{
    public static void MapComplaints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/complaints").WithTags("Complaints").RequireAuthorization(Policies.Intake)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        group.MapPost("/", ComplaintHandlers.Create).WithName("CreateComplaint").Produces<ComplaintView>(201).ProducesValidationProblem();
        group.MapGet("/", ComplaintHandlers.List).WithName("ListComplaints").Produces<Infrastructure.Page<ComplaintView>>().ProducesValidationProblem();
        group.MapGet("/{id:guid}", ComplaintHandlers.Get).WithName("GetComplaint").Produces<ComplaintView>().ProducesProblem(404);
        var step = group.MapGroup("/{id:guid}").ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        step.MapPost("/assign", ComplaintHandlers.Assign).RequireAuthorization(Policies.Dispatch).WithName("AssignComplaint").Produces<ComplaintView>();
        step.MapPost("/resolve", ComplaintHandlers.Resolve).WithName("ResolveComplaint").Produces<ComplaintView>();
        step.MapPost("/close", ComplaintHandlers.Close).WithName("CloseComplaint").Produces<ComplaintView>();
    }
}
