namespace RepairDispatch.Api.WorkOrders;

public static class WorkOrdersApi
{
    public static void MapWorkOrders(this IEndpointRouteBuilder app)
    {
    }
}
