using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Mobile;

/// <summary>The technician's app: own jobs only, the status steps a technician takes on site, sync and location pings.</summary>
public static class MobileApi
{
    public static void MapMobile(this IEndpointRouteBuilder app)
    {
        var mobile = app.MapGroup("/api/v1/mobile").WithTags("Mobile").RequireAuthorization(Policies.TechnicianOnly)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        mobile.MapGet("/sync", MobileSync.Get).WithName("SyncMyJobs").Produces<SyncResponse>().ProducesValidationProblem().ProducesProblem(410);
        mobile.MapPost("/locations", LocationPings.Post).WithName("PostLocationPings").Produces<LocationPingsResponse>().ProducesValidationProblem();

        var jobs = mobile.MapGroup("/jobs");
        jobs.MapGet("/", MobileJobs.List).WithName("ListMyJobs").Produces<Infrastructure.Page<MobileJob>>().ProducesValidationProblem();
        jobs.MapGet("/{id:guid}", MobileJobs.Get).WithName("GetMyJob").Produces<MobileJob>().ProducesProblem(404);

        var step = jobs.MapGroup("/{id:guid}").ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .ProducesProblem(422);
        step.MapPost("/accept", JobActions.Accept).WithName("AcceptJob").Produces<WorkOrders.WorkOrderResponse>();
        step.MapPost("/decline", JobActions.Decline).WithName("DeclineJob").Produces<WorkOrders.WorkOrderResponse>();
        step.MapPost("/depart", JobActions.Depart).WithName("DepartForJob").Produces<WorkOrders.WorkOrderResponse>();
        step.MapPost("/arrive", JobActions.Arrive).WithName("ArriveAtJob").Produces<WorkOrders.WorkOrderResponse>();
        step.MapPost("/await-parts", JobActions.AwaitParts).WithName("AwaitPartsForJob").Produces<WorkOrders.WorkOrderResponse>();
        step.MapPost("/complete", JobActions.Complete).WithName("CompleteJob").Produces<WorkOrders.WorkOrderResponse>();
    }
}
