using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.Extensions.Options;
using RepairDispatch.Api.Callbacks;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Notifications;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Public;

public sealed record PublicRatingRequest([property: Required, Range(1, 5)] int? Satisfaction, [property: StringLength(1000)] string? Comment);

/// <summary>
/// The customer rates the finished job once. The rating is the callback's result (domain.md "Callbacks"): the order's
/// open callback is closed as reached with this score, so nobody calls, and — as for a call — 2 or less opens a complaint.
/// A customer without a callback (no consent) still rates; the complaint then names no callback.
/// </summary>
public static class PublicRating
{
    private const string CallbackSql = CallbackRow.Select + """
         WHERE cb.work_order_id = @Id AND cb.status IN ('Scheduled','NoAnswer') AND cb.kind <> 'AfterInstallation30'
        """;
    private const string CloseCallbackSql = """
        UPDATE callbacks SET status = 'Done', attempts = attempts + 1, satisfaction = @Satisfaction, comment = @Comment, done_at = @Now, version = version + 1
        WHERE id = @Id AND version = @Version
        """;
    private const string CustomerSql = "SELECT name FROM customers WHERE id = @Id";

    public static Task<IResult> Rate(string token, PublicRatingRequest request, Db db, TimeProvider clock, IOptions<NotificationOptions> notifications) =>
        PublicOrderSteps.OnOrderAsync(token, db, clock, async (order, link, c, tx, now) =>
        {
            if (order.CustomerRating is not null) return Problems.Conflict("already-rated", Codes.Public.AlreadyRated);
            if (!PublicRules.CanRate(order)) return Problems.Conflict("not-done-yet", Codes.Public.NotDoneYet.With(Codes.Word(order.Status)));
            var satisfaction = request.Satisfaction!.Value;
            var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
            order.CustomerRating = satisfaction;
            await order.SaveAsync(c, tx, now);
            await WorkOrderEvents.WriteAsync(c, tx, order.Id, link.Actor, now, "Rated", null, null, Codes.Public.RatedByCustomer.With(satisfaction));
            var reached = new CallbackResultRequest(CallbackOutcome.Reached, satisfaction, comment);
            var language = notifications.Value.Language;
            if (await c.QueryFirstOrDefaultAsync<CallbackRow>(CallbackSql, new { order.Id }, tx) is { } callback)
            {
                if (await c.ExecuteAsync(CloseCallbackSql, new { callback.Id, callback.Version, Satisfaction = satisfaction, Comment = comment, Now = now }, tx) == 0)
                    return Problems.Conflict("callback-changed", Codes.Refusal.CallbackChanged);
                await RecordCallbackResult.AfterReachedAsync(c, tx, callback, order.Id, reached, link.Actor, language, now);
            }
            else if (satisfaction <= 2)
            {
                var customer = await c.ExecuteScalarAsync<string>(CustomerSql, new { Id = order.CustomerId }, tx) ?? "";
                await RecordCallbackResult.OpenComplaintAsync(c, tx, order.StoreId, order.CustomerId, customer, order.Id, order.TechnicianId, order.Number,
                    null, satisfaction, comment, link.CreatedByUserId, language, now);
            }
            await Claims.ClaimReadiness.RefreshAsync(c, tx, order.Id, now);
            return null;
        });
}
