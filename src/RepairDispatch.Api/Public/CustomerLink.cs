using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Public;

/// <param name="Url">The customer's page: the token is in it and nowhere else (only its hash is kept).</param>
public sealed record CustomerLinkResponse(string Url, DateTimeOffset ExpiresAt);

public sealed record RevokedLinks(int Revoked);

/// <summary>
/// An order's link for its customer: made at the desk on request, and a fresh one in each appointment and on-the-way
/// message. The desk revokes all of an order's links at once (a link sent to the wrong number, a customer who asks).
/// </summary>
public static class CustomerLink
{
    private const string RevokeSql = "UPDATE public_links SET revoked_at = @Now WHERE work_order_id = @Id AND revoked_at IS NULL";

    public static async Task<IResult> Create(Guid id, HttpContext http, Db db, TimeProvider clock, IOptions<PublicOptions> options)
    {
        var me = http.Me();
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var order = await WorkOrder.LoadAsync(c, tx, id);
            if (order is null || !order.IsVisibleTo(me)) return Problems.NotFound(Codes.Thing.WorkOrder);
            if (order.Status == WorkOrderStatus.Cancelled) return Problems.Conflict("order-cancelled", Codes.Public.OrderCancelled);
            var (token, expiresAt) = await PublicLinks.IssueAsync(c, tx, LinkKind.Order, order.StoreId, order.Id, me.Id, now, options.Value.OrderLinkDays);
            return TypedResults.Created((string?)null, new CustomerLinkResponse(PublicLinks.Url(PublicLinks.BaseOf(options.Value, http), LinkKind.Order, token), expiresAt));
        });
    }

    public static async Task<IResult> Revoke(Guid id, HttpContext http, Db db, TimeProvider clock)
    {
        var me = http.Me();
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var order = await WorkOrder.LoadAsync(c, tx, id);
            if (order is null || !order.IsVisibleTo(me)) return Problems.NotFound(Codes.Thing.WorkOrder);
            return TypedResults.Ok(new RevokedLinks(await c.ExecuteAsync(RevokeSql, new { Id = id, Now = now }, tx)));
        });
    }

    /// <summary>The link an appointment or on-the-way message carries, made under the order's creator.</summary>
    public static async Task<string> ForMessageAsync(DbConnection c, DbTransaction tx, WorkOrder order, DateTimeOffset now)
    {
        var (token, _) = await PublicLinks.IssueAsync(c, tx, LinkKind.Order, order.StoreId, order.Id, order.CreatedByUserId, now, MessageLinkDays);
        return PublicLinks.Url(MessageBase, LinkKind.Order, token);
    }

    /// <summary>Set once at start-up from <see cref="PublicOptions"/> (messages are also written by jobs, which have no request).</summary>
    public static string MessageBase { get; set; } = PublicLinks.DefaultBase;
    public static int MessageLinkDays { get; set; } = new PublicOptions().OrderLinkDays;
}
