using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Receivables;

/// <summary>Manufacturers' payments and the receivables report. Finance, managers and admins only.</summary>
public static class ReceivablesApi
{
    public static void MapReceivables(this IEndpointRouteBuilder app)
    {
        var payments = app.MapGroup("/api/v1/settlements/payments").WithTags("Payments").RequireAuthorization(Policies.Finance)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        payments.MapPost("/", RecordPayment.Handle).WithName("RecordManufacturerPayment")
            .Produces<ManufacturerPaymentView>(201).Produces<ManufacturerPaymentView>().ProducesValidationProblem().ProducesProblem(409);
        payments.MapGet("/", ReadPayments.List).WithName("ListManufacturerPayments").Produces<Infrastructure.Page<ManufacturerPaymentView>>().ProducesValidationProblem();
        payments.MapGet("/{id:guid}", ReadPayments.Get).WithName("GetManufacturerPayment").Produces<ManufacturerPaymentView>().ProducesProblem(404);

        app.MapGet("/api/v1/reports/receivables", ReceivablesReport.Handle).WithTags("Reports").WithName("ReceivablesReport")
            .RequireAuthorization(Policies.Finance).ProducesProblem(401).ProducesProblem(403).ProducesProblem(429)
            .Produces<ReceivablesView>().ProducesValidationProblem();
    }
}
