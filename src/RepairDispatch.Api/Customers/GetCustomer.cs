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
        // The customer archive is the chain's: any store finds him (his orders stay with the store that serves them).
        return customer is null ? Problems.NotFound(Codes.Thing.Customer) : TypedResults.Ok(customer);
    }
}
