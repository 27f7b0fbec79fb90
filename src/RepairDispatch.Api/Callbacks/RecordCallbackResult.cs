using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.Extensions.Options;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Complaints;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Notifications;
using RepairDispatch.Api.Stores;
using RepairDispatch.Api.WorkOrders;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Callbacks;

public enum CallbackOutcome { Reached, NoAnswer, Refused }

public sealed record CallbackResultRequest(
    [property: Required] CallbackOutcome? Outcome,
    [property: Range(1, 5)] int? Satisfaction,
    [property: StringLength(1000)] string? Comment);

/// <summary>
/// The outcome of a call, in one transaction: Reached (with a satisfaction score; 2 or less opens a complaint and
/// alerts the managers; a callback fee is charged to a manufacturer whose contract pays one), NoAnswer (again on the
/// next working day; the third miss is Unreachable) or Refused. A callback already closed is not changed (409).
/// </summary>
public static class RecordCallbackResult
{
    private const string UpdateSql = """
        UPDATE callbacks SET status = @Status, attempts = @Attempts, due_on = @DueOn, satisfaction = @Satisfaction, comment = @Comment,
               done_by_user_id = @UserId, done_at = @DoneAt, version = version + 1
        WHERE id = @Id AND version = @Version
        """;
    private const string OrderSql = "SELECT technician_id, number, payer, contract_id FROM work_orders WHERE id = @Id";
    private const string CallbackFeeSql = "SELECT callback_fee_fen FROM service_contracts WHERE id = @ContractId";
    private const string ChargeSql = """
        INSERT INTO work_order_charges (id, work_order_id, party, kind, description, description_code, description_args, amount_fen, created_at)
        VALUES (@Id, @WorkOrderId, 'Manufacturer', 'CallbackFee', '', @DescriptionCode, @DescriptionArgs, @AmountFen, @Now)
        """;

    public static async Task<IResult> Handle(Guid id, CallbackResultRequest request, HttpContext http, Db db, TimeProvider clock,
        IOptions<NotificationOptions> notifications)
    {
        if (request.Outcome == CallbackOutcome.Reached && request.Satisfaction is null)
            return Problems.Validation("satisfaction", Codes.Refusal.SatisfactionRequired);
        if (request.Outcome != CallbackOutcome.Reached && request.Satisfaction is not null)
            return Problems.Validation("satisfaction", Codes.Refusal.SatisfactionOnlyWhenReached);
        var me = http.Me();
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var callback = await c.QuerySingleOrDefaultAsync<CallbackRow>(CallbackRow.Select + " WHERE cb.id = @Id", new { Id = id }, tx);
            if (callback is null || !me.SeesStore(callback.StoreId)) return Problems.NotFound(Codes.Thing.Callback);
            if (callback.State is not (CallbackStatus.Scheduled or CallbackStatus.NoAnswer))
                return Problems.Conflict("callback-closed", Codes.Refusal.CallbackClosed.With(Codes.Word(callback.State)),
                    new Dictionary<string, object?> { ["currentStatus"] = callback.State.ToString() });
            var today = (await StoreClock.OfStoreAsync(c, tx, callback.StoreId)).DayOf(now);
            var attempts = callback.Attempts + 1;
            var (status, dueOn) = request.Outcome switch
            {
                CallbackOutcome.Reached => (CallbackStatus.Done, callback.DueOn),
                CallbackOutcome.Refused => (CallbackStatus.Refused, callback.DueOn),
                _ when attempts >= CallbackRules.MaxAttempts => (CallbackStatus.Unreachable, callback.DueOn),
                _ => (CallbackStatus.NoAnswer, (await Calendar.CalendarYears.AroundAsync(c, tx, today)).NextWorkingDay(today)),
            };
            var closed = status != CallbackStatus.NoAnswer;
            await WriteRaces.BeforeVersionedWriteAsync(c, tx, "callbacks", id);
            if (await c.ExecuteAsync(UpdateSql, new
                {
                    Id = id, callback.Version, Status = status.ToString(), Attempts = attempts, DueOn = dueOn, request.Satisfaction,
                    Comment = request.Comment?.Trim(), UserId = closed ? me.Id : (Guid?)null, DoneAt = closed ? now : (DateTimeOffset?)null,
                }, tx) == 0)
                return Problems.Conflict("callback-changed", Codes.Refusal.CallbackChanged);
            if (request.Outcome == CallbackOutcome.Reached && callback.WorkOrderId is { } orderId)
                await AfterReachedAsync(c, tx, callback, orderId, request, me, notifications.Value.Language, now);
            if (callback.WorkOrderId is { } order) await Claims.ClaimReadiness.RefreshAsync(c, tx, order, now);
            var updated = await c.QuerySingleAsync<CallbackRow>(CallbackRow.Select + " WHERE cb.id = @Id", new { Id = id }, tx);
            return TypedResults.Ok(updated.View());
        });
    }

    internal static async Task AfterReachedAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, CallbackRow callback,
        Guid orderId, CallbackResultRequest request, CurrentUser me, string language, DateTimeOffset now)
    {
        var order = await c.QuerySingleAsync<OrderFacts>(OrderSql, new { Id = orderId }, tx);
        // The charge's id is the callback's: a callback is paid for once, whatever happens.
        if (order.Payer == nameof(Payer.Manufacturer) && order.ContractId is { } contract
            && await c.ExecuteScalarAsync<long?>(CallbackFeeSql, new { ContractId = contract }, tx) is { } fee and > 0)
        {
            var feeText = Codes.Charge.CallbackFee.With(Text.Of("callback-kind." + callback.Kind));
            await c.ExecuteAsync(ChargeSql, new
            {
                callback.Id, WorkOrderId = orderId, DescriptionCode = feeText.Code, DescriptionArgs = feeText.StoredArgs(), AmountFen = fee, Now = now,
            }, tx);
        }
        if (request.Satisfaction > 2) return;
        await OpenComplaintAsync(c, tx, callback.StoreId, callback.CustomerId, callback.CustomerName, orderId, order.TechnicianId, order.Number,
            callback.Id, request.Satisfaction!.Value, request.Comment, me.Id, language, now);
    }

    /// <summary>A score of 2 or less opens a complaint (1 is severe) and alerts the store's managers.</summary>
    internal static async Task OpenComplaintAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, Guid storeId, Guid customerId,
        string customerName, Guid orderId, Guid? technicianId, string number, Guid? callbackId, int satisfaction, string? comment, Guid userId,
        string language, DateTimeOffset now)
    {
        comment = comment?.Trim();
        var description = string.IsNullOrEmpty(comment)
            ? Codes.Complaint.FromCallback.With(satisfaction) : Codes.Complaint.FromCallbackWithComment.With(satisfaction, comment);
        var severity = satisfaction == 1 ? ComplaintSeverity.High : ComplaintSeverity.Normal;
        var complaint = new Complaint
        {
            Id = Guid.CreateVersion7(), StoreId = storeId, Source = ComplaintSource.Callback, Severity = severity, Status = ComplaintStatus.Open,
            CustomerId = customerId, WorkOrderId = orderId, TechnicianId = technicianId, CallbackId = callbackId,
            Description = comment ?? "", DescriptionCode = description.Code, DescriptionArgs = description.StoredArgs(),
            RespondBy = now + Complaint.ResponseTime(severity), Version = 1, CreatedByUserId = userId, CreatedAt = now,
        };
        await complaint.InsertAsync(c, tx);
        await Outbox.ToManagersAsync(c, tx, storeId, orderId, MessageTemplate.ComplaintOpened, new()
        {
            ["customer"] = customerName, ["number"] = number, ["satisfaction"] = satisfaction.ToString(),
        }, language, now);
    }

    private sealed class OrderFacts
    {
        public Guid? TechnicianId { get; init; }
        public string Number { get; init; } = "";
        public string Payer { get; init; } = "";
        public Guid? ContractId { get; init; }
    }
}
