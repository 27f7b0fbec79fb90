using RepairDispatch.Api.Clients;

namespace RepairDispatch.Api.Sales;

public static class SalesApi
{
    public static void MapSales(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sales-orders").WithTags("Sales").RequireAuthorization(ClientScopes.Policy(ClientScopes.SalesWrite))
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        group.MapPost("/", RecordSale.Handle).WithName("RecordSale")
            .Produces<SaleResponse>(201).Produces<SaleResponse>().ProducesValidationProblem().ProducesProblem(409);
        group.MapPost("/{saleNumber}/returns", ReturnSale.Handle).WithName("ReturnSaleLines")
            .Produces<SaleReturnResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
    }
}
