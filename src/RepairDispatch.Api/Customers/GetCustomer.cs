using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Customers;

public static class GetCustomer
{
    public static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> Handle(Guid id, HttpContext http, Db db)
    {
        await using var c = await db.OpenAsync();
        var customer = await Customer.GetAsync(c, id);
        // Another store's customer answers like a missing one: its existence is not the caller's business.
        return customer is null || !http.Me().SeesStore(customer.StoreId) ? Problems.NotFound(Codes.Thing.Customer) : TypedResults.Ok(customer);
    }
}
