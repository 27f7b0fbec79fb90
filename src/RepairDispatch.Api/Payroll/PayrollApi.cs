using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Payroll;

/// <summary>Technicians' pay (计件提成): rule versions, a job's helper, a month's calculation, approval, statement and the phone's view.</summary>
public static class PayrollApi
{
    public static void MapPayroll(IEndpointRouteBuilder app)
    {
        var payroll = app.MapGroup("/api/v1/payroll").WithTags("Payroll").RequireAuthorization(Policies.Finance)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        payroll.MapPost("/rules", CreatePayRule.Handle).WithName("CreatePayRule").Produces<PayRuleView>(201).ProducesValidationProblem();
        payroll.MapGet("/rules", ReadPayRules.List).WithName("ListPayRules").Produces<Infrastructure.Page<PayRuleView>>();
        payroll.MapGet("/rules/{id:guid}", ReadPayRules.Get).WithName("GetPayRule").Produces<PayRuleView>().ProducesProblem(404);

        var period = payroll.MapGroup("/periods/{period}").ProducesValidationProblem();
        period.MapGet("/", ReadPeriod.Get).WithName("GetPayPeriod").Produces<PayPeriodView>();
        period.MapGet("/export", ExportPeriod.Handle).WithName("ExportPayPeriod").Produces(200, null, ExportPeriod.CsvType, ExportPeriod.XlsxType);
        period.MapPost("/calculate", CalculatePeriod.Handle).WithName("CalculatePayPeriod").Produces<PayPeriodView>().ProducesProblem(409);
        period.MapPost("/approve", ApprovePeriod.Handle).RequireAuthorization(Policies.Dispatch).WithName("ApprovePayPeriod")
            .Produces<PayPeriodView>().ProducesProblem(409).ProducesProblem(412);

        app.MapPost("/api/v1/work-orders/{id:guid}/helpers", AddHelper.Handle).WithTags("Payroll").RequireAuthorization(Policies.Dispatch)
            .WithName("AddWorkOrderHelper").Produces<HelperView>(201).Produces<HelperView>().ProducesValidationProblem().ProducesProblem(401)
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429);
        app.MapGet("/api/v1/mobile/earnings", ReadPeriod.Earnings).WithTags("Mobile").RequireAuthorization(Policies.TechnicianOnly)
            .WithName("GetMyEarnings").Produces<EarningsView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403)
            .ProducesProblem(404).ProducesProblem(429);
    }
}
