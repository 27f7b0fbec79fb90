using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Settlements;

public static class SettlementsApi
{
    public static void MapSettlements(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/v1/settlements/runs").WithTags("Settlements").RequireAuthorization(Policies.Finance)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        runs.MapPost("/", CreateRun.Handle).WithName("CreateSettlementRun")
            .Produces<SettlementRunView>(201).Produces<SettlementRunView>().ProducesValidationProblem().ProducesProblem(409);
        runs.MapPost("/month", SettleMonth.Handle).WithName("SettleMonth")
            .Produces<SettledMonthView>().ProducesValidationProblem().ProducesProblem(409);
        runs.MapGet("/", ReadRuns.List).WithName("ListSettlementRuns").Produces<Infrastructure.Page<SettlementRunView>>().ProducesValidationProblem();
        runs.MapGet("/{id:guid}", ReadRuns.Get).WithName("GetSettlementRun").Produces<SettlementRunView>().ProducesProblem(404);
        runs.MapGet("/{id:guid}/lines", ReadRuns.Lines).WithName("ListSettlementLines")
            .Produces<Infrastructure.Page<SettlementLineView>>().ProducesProblem(404);
        runs.MapGet("/{id:guid}/export", ExportRun.Handle).WithName("ExportSettlementRun").Produces(200, null, ExportRun.CsvType, ExportRun.XlsxType).ProducesValidationProblem().ProducesProblem(404);

        var step = runs.MapGroup("/{id:guid}").ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        step.MapPost("/submit", RunActions.Submit).WithName("SubmitSettlementRun").Produces<SettlementRunView>();
        step.MapPost("/approve", RunActions.Approve).WithName("ApproveSettlementRun").Produces<SettlementRunView>();
        step.MapPost("/dispute", RunActions.Dispute).WithName("DisputeSettlementRun").Produces<SettlementRunView>();
        step.MapPost("/pay", RunActions.Pay).WithName("PaySettlementRun").Produces<SettlementRunView>();
        step.MapPost("/adjustments", RunActions.Adjust).WithName("AdjustSettlementRun").Produces<SettlementRunView>(201);
    }
}
