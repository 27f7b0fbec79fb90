namespace RepairDispatch.Api.Customers;

public static class CustomersApi
{
    public static void MapCustomers(this IEndpointRouteBuilder app)
    {
    }
}
