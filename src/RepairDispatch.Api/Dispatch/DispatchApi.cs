using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Dispatch;

public static class DispatchApi
{
    public static void MapDispatch(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/dispatch").WithTags("Dispatch").RequireAuthorization(Policies.Dispatch)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        group.MapGet("/candidates", Candidates.Get).WithName("ListCandidates").Produces<CandidatesResponse>().ProducesValidationProblem()
            .ProducesProblem(404);
        group.MapPost("/plans", DayPlans.Create).WithName("CreateDayPlan").Produces<DayPlanView>(202).ProducesValidationProblem();
        group.MapGet("/plans", ListDayPlans.Handle).WithName("ListDayPlans").Produces<Infrastructure.Page<DayPlanView>>().ProducesValidationProblem();
        group.MapGet("/plans/{id:guid}", DayPlans.Get).WithName("GetDayPlan").Produces<DayPlanView>().ProducesProblem(404);
        group.MapPost("/plans/{id:guid}/apply", DayPlans.Apply).WithName("ApplyDayPlan").Produces<ApplyPlanResponse>().ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/urgent-insertions", UrgentInsertions.Post).WithName("InsertUrgentOrder").Produces<UrgentInsertionResponse>()
            .ProducesValidationProblem().ProducesProblem(409);
        group.MapGet("/settings/{storeId:guid}", DispatchSettings.Get).WithName("GetDispatchSettings").Produces<DispatchSettingsView>().ProducesProblem(404);
        group.MapPut("/settings/{storeId:guid}", DispatchSettings.Put).WithName("PutDispatchSettings").Produces<DispatchSettingsView>()
            .ProducesValidationProblem().ProducesProblem(404);
    }
}
