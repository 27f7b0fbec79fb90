using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Api.WorkOrders;

public static class WorkOrdersApi
{
    public static void MapWorkOrders(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/work-orders").WithTags("Work orders").RequireAuthorization()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);

        group.MapPost("/", CreateWorkOrder.Handle).RequireAuthorization(Policies.Intake).WithName("CreateWorkOrder")
            .Produces<WorkOrderResponse>(201).ProducesValidationProblem().ProducesProblem(409);
        group.MapGet("/", ListWorkOrders.Handle).WithName("ListWorkOrders")
            .Produces<Page<WorkOrderResponse>>().ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetWorkOrder.Handle).WithName("GetWorkOrder")
            .Produces<WorkOrderResponse>().ProducesProblem(404);
        group.MapPatch("/{id:guid}", PatchWorkOrder.Handle).RequireAuthorization(Policies.Intake).WithName("PatchWorkOrder")
            .Accepts<Dictionary<string, object>>("application/merge-patch+json", "application/json")
            .Produces<WorkOrderResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(412).ProducesProblem(415).ProducesProblem(428);
        group.MapGet("/{id:guid}/events", WorkOrderEvents.List).WithName("ListWorkOrderEvents")
            .Produces<Page<WorkOrderEvent>>().ProducesProblem(404);

        var dispatch = group.MapGroup("/{id:guid}").RequireAuthorization(Policies.Dispatch)
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        dispatch.MapPost("/assign", AssignWorkOrder.Handle).WithName("AssignWorkOrder").Produces<WorkOrderResponse>().ProducesProblem(422);
        dispatch.MapPost("/unassign", SimpleActions.Unassign).WithName("UnassignWorkOrder").Produces<WorkOrderResponse>();
        dispatch.MapPost("/transfer", TransferWorkOrder.Handle).WithName("TransferWorkOrder").Produces<WorkOrderResponse>();

        var intake = group.MapGroup("/{id:guid}").RequireAuthorization(Policies.Intake)
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        // Status steps take an optional If-Match (412 when stale); payments and rework do not.
        var intakeStep = intake.MapGroup("").ProducesProblem(412);
        intakeStep.MapPost("/cancel", SimpleActions.Cancel).WithName("CancelWorkOrder").Produces<WorkOrderResponse>();
        intakeStep.MapPost("/close", SimpleActions.Close).WithName("CloseWorkOrder").Produces<WorkOrderResponse>();
        intake.MapPost("/payments", Settlements.OrderMoney.Pay).WithName("RecordPayment").Produces<Settlements.OrderMoneyView>(201);
        group.MapGet("/{id:guid}/charges", Settlements.OrderMoney.Get).RequireAuthorization(Policies.Staff).WithName("GetWorkOrderCharges")
            .Produces<Settlements.OrderMoneyView>().ProducesProblem(404);
        intakeStep.MapPost("/partner/accept", PartnerSteps.Accept).WithName("PartnerAccepted").Produces<WorkOrderResponse>();
        intakeStep.MapPost("/partner/depart", PartnerSteps.Depart).WithName("PartnerDeparted").Produces<WorkOrderResponse>();
        intakeStep.MapPost("/partner/arrive", PartnerSteps.Arrive).WithName("PartnerArrived").Produces<WorkOrderResponse>();
        intakeStep.MapPost("/partner/complete", PartnerSteps.Complete).WithName("PartnerCompleted").Produces<WorkOrderResponse>();
        intake.MapPost("/rework", ReworkWorkOrder.Handle).WithName("ReworkWorkOrder").Produces<WorkOrderResponse>(201);
    }
}
