using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Api.Stock;

/// <summary>
/// Stock on a ledger (docs/stock.md): read by everyone within his stores, received by the desk, adjusted and given
/// reorder points by managers; parts requests asked by technicians and stores, decided by managers, shipped by the
/// sending location's staff, received at the van or store.
/// </summary>
public static class StockApi
{
    public static void MapStock(this IEndpointRouteBuilder app)
    {
        var stock = app.MapGroup("/api/v1/stock").WithTags("Stock").RequireAuthorization()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        stock.MapGet("/", ReadStock.List).WithName("ListStock").Produces<StockList>().ProducesValidationProblem().ProducesProblem(404);
        stock.MapGet("/movements", ReadStock.Movements).WithName("ListStockMovements").Produces<Page<MovementView>>()
            .ProducesValidationProblem().ProducesProblem(404);
        stock.MapGet("/replenishment", Replenishment.Handle).WithName("GetReplenishment").Produces<ReplenishmentView>()
            .ProducesValidationProblem().ProducesProblem(404);
        stock.MapPost("/receipts", ReceiveStock.Handle).WithName("ReceiveStock").RequireAuthorization(Policies.Intake)
            .Produces<ReceiptView>(200).Produces<ReceiptView>(201).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        stock.MapPost("/adjustments", AdjustStock.Handle).WithName("AdjustStock").RequireAuthorization(Policies.Dispatch)
            .Produces<StockItem>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        stock.MapPut("/reorder-points", ReorderPoints.Set).WithName("SetReorderPoint").RequireAuthorization(Policies.Dispatch)
            .Produces<StockItem>().ProducesValidationProblem().ProducesProblem(404);

        var requests = app.MapGroup("/api/v1/parts-requests").WithTags("Stock").RequireAuthorization()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        requests.MapPost("/", CreatePartsRequest.Handle).WithName("CreatePartsRequest")
            .Produces<PartsRequestView>(201).ProducesValidationProblem().ProducesProblem(404);
        requests.MapGet("/", ReadPartsRequests.List).WithName("ListPartsRequests").Produces<Page<PartsRequestView>>().ProducesValidationProblem();
        requests.MapGet("/{id:guid}", ReadPartsRequests.Get).WithName("GetPartsRequest").Produces<PartsRequestView>().ProducesProblem(404);
        var actions = requests.MapGroup("/{id:guid}").ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        actions.MapPost("/approve", PartsRequestActions.Approve).WithName("ApprovePartsRequest").RequireAuthorization(Policies.Dispatch)
            .Produces<PartsRequestView>();
        actions.MapPost("/reject", PartsRequestActions.Reject).WithName("RejectPartsRequest").RequireAuthorization(Policies.Dispatch)
            .Produces<PartsRequestView>().ProducesValidationProblem();
        actions.MapPost("/ship", PartsRequestActions.Ship).WithName("ShipPartsRequest").RequireAuthorization(Policies.Intake)
            .Produces<PartsRequestView>().ProducesValidationProblem();
        actions.MapPost("/receive", PartsRequestActions.Receive).WithName("ReceivePartsRequest").Produces<PartsRequestView>();
    }
}
