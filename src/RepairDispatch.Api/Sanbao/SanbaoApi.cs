using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Sanbao;

public static class SanbaoApi
{
    public static void MapSanbao(this IEndpointRouteBuilder app)
    {
        var appliances = app.MapGroup("/api/v1/appliances/{id:guid}").WithTags("三包").RequireAuthorization(Policies.Intake)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429);
        appliances.MapGet("/entitlement", GetEntitlement.Handle).WithName("GetEntitlement");
        appliances.MapGet("/sanbao-decisions", ListDecisions.Handle).WithName("ListSanbaoDecisions").Produces<Infrastructure.Page<SanbaoDecisionResponse>>();
        appliances.MapPost("/sanbao-decisions", RecordDecision.Handle).RequireAuthorization(Policies.Dispatch).WithName("RecordSanbaoDecision")
            .Produces<SanbaoDecisionResponse>(201).ProducesValidationProblem().ProducesProblem(409);

        // The technician who has the order records them on site too.
        var orders = app.MapGroup("/api/v1/work-orders/{id:guid}/sanbao").WithTags("三包")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Manager, Roles.FrontDesk, Roles.Technician))
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429);
        orders.MapGet("/", OrderFacts.Get).WithName("GetOrderSanbaoFacts").Produces<OrderSanbaoFacts>();
        orders.MapPut("/fault-code", OrderFacts.SetFaultCode).WithName("SetFaultCode").Produces<OrderSanbaoFacts>().ProducesValidationProblem().ProducesProblem(409);
        orders.MapPost("/exclusions", OrderFacts.AddExclusion).WithName("RecordExclusion").Produces<OrderSanbaoFacts>().ProducesValidationProblem().ProducesProblem(409);
    }
}
