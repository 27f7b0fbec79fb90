using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Reports;

public static class ReportsApi
{
    public static void MapReports(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization(Policies.Finance)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        reports.MapGet("/revenue", RevenueReport.Handle).WithName("RevenueReport").Produces<RevenueReportView>().ProducesValidationProblem();
        reports.MapGet("/stores", StoresReport.Handle).WithName("StoresReport").Produces<StoresReportView>().ProducesValidationProblem();
    }
}
