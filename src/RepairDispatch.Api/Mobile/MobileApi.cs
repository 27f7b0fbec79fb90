using RepairDispatch.Api.Auth;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Mobile;

/// <summary>The technician's app: own jobs only, and the status steps a technician takes on site.</summary>
public static class MobileApi
{
    public static void MapMobile(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/v1/mobile/jobs").WithTags("Mobile").RequireAuthorization(Policies.TechnicianOnly)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        jobs.MapGet("/", MobileJobs.List).WithName("ListMyJobs").Produces<Infrastructure.Page<WorkOrderResponse>>().ProducesValidationProblem();
        jobs.MapGet("/{id:guid}", GetWorkOrder.Handle).WithName("GetMyJob").Produces<WorkOrderResponse>().ProducesProblem(404);

        var step = jobs.MapGroup("/{id:guid}").ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        step.MapPost("/accept", JobActions.Accept).WithName("AcceptJob").Produces<WorkOrderResponse>();
        step.MapPost("/decline", JobActions.Decline).WithName("DeclineJob").Produces<WorkOrderResponse>();
        step.MapPost("/depart", JobActions.Depart).WithName("DepartForJob").Produces<WorkOrderResponse>();
        step.MapPost("/arrive", JobActions.Arrive).WithName("ArriveAtJob").Produces<WorkOrderResponse>();
        step.MapPost("/await-parts", JobActions.AwaitParts).WithName("AwaitPartsForJob").Produces<WorkOrderResponse>();
        step.MapPost("/complete", JobActions.Complete).WithName("CompleteJob").Produces<WorkOrderResponse>();
    }
}
