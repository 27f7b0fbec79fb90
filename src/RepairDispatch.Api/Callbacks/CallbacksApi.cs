using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Callbacks;

public static class CallbacksApi
{
    public static void MapCallbacks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/callbacks").WithTags("Callbacks").RequireAuthorization(Policies.Intake)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        group.MapGet("/", CallbackQueue.List).WithName("ListCallbacks").Produces<Infrastructure.Page<CallbackView>>()
            .ProducesValidationProblem().ProducesProblem(404);
        group.MapPost("/{id:guid}/result", RecordCallbackResult.Handle).WithName("RecordCallbackResult").Produces<CallbackView>()
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
    }
}
