using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Parts;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Settlements;

public enum PaymentMethod { Cash, Card, WeChatPay, Alipay, BankTransfer }

public sealed record PaymentRequest(
    [property: Range(typeof(decimal), "0.01", "1000000")] decimal Amount,
    [property: Required] PaymentMethod? Method,
    [property: StringLength(100)] string? Reference);

/// <param name="Description">In the caller's language; <paramref name="DescriptionCode"/> is the same as a code with arguments.</param>
public sealed record ChargeView(string Party, string Kind, string Description, Text? DescriptionCode, decimal Amount);
public sealed record PaymentView(Guid Id, decimal Amount, PaymentMethod Method, string? Reference, DateTimeOffset ReceivedAt);
public sealed record OrderMoneyView(Guid WorkOrderId, ChargeView[] Charges, decimal ManufacturerClaim, decimal CustomerCharge,
    decimal PartnerPayout, decimal ManagementFee, PaymentView[] Payments, decimal CustomerPaid, decimal Outstanding);

/// <summary>A completed order's charges per party, and the customer's payments against their part (front desk).</summary>
public static class OrderMoney
{
    private const string ChargesSql = "SELECT party, kind, description, description_code, description_args, amount_fen FROM work_order_charges WHERE work_order_id = @Id ORDER BY party, kind";
    private const string PaymentsSql = "SELECT id, amount_fen, method, reference, received_at FROM work_order_payments WHERE work_order_id = @Id ORDER BY received_at";
    private const string InsertPaymentSql = """
        INSERT INTO work_order_payments (id, work_order_id, amount_fen, method, reference, received_by_user_id, received_at)
        VALUES (@Id, @WorkOrderId, @AmountFen, @Method, @Reference, @ReceivedBy, @ReceivedAt)
        """;

    public static async Task<IResult> Get(Guid id, HttpContext http, Db db)
    {
        await using var c = await db.OpenAsync();
        var order = await WorkOrder.LoadAsync(c, null, id);
        if (order is null || !order.IsVisibleTo(http.Me())) return Problems.NotFound(Codes.Thing.WorkOrder);
        return TypedResults.Ok(await ViewAsync(c, null, id));
    }

    public static async Task<IResult> Pay(Guid id, PaymentRequest request, HttpContext http, Db db, TimeProvider clock)
    {
        if (!Fen.HasAtMostTwoDecimals(request.Amount)) return Problems.Validation("amount", Codes.Refusal.AtMost2Decimals);
        var me = http.Me();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var order = await WorkOrder.LoadAsync(c, tx, id);
            if (order is null || !order.IsVisibleTo(me)) return Problems.NotFound(Codes.Thing.WorkOrder);
            if (order.Status is not (WorkOrderStatus.Completed or WorkOrderStatus.Closed))
                return Problems.Conflict("not-completed", Codes.Refusal.PaymentNeedsCompletion);
            var before = await ViewAsync(c, tx, id);
            if (request.Amount > before.Outstanding)
                return Problems.Validation("amount", Codes.Refusal.MoreThanOutstanding.With(before.Outstanding.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)));
            await c.ExecuteAsync(InsertPaymentSql, new
            {
                Id = Guid.CreateVersion7(), WorkOrderId = id, AmountFen = Fen.FromYuan(request.Amount), Method = request.Method!.Value.ToString(),
                request.Reference, ReceivedBy = me.Id, ReceivedAt = clock.GetUtcNow(),
            }, tx);
            await WorkOrderEvents.WriteAsync(c, tx, id, me, clock.GetUtcNow(), "PaymentReceived", null, null,
                Codes.Event.Payment.With(request.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), Codes.Word(request.Method!.Value)));
            return TypedResults.Created($"/api/v1/work-orders/{id}/payments", await ViewAsync(c, tx, id));
        });
    }

    private static async Task<OrderMoneyView> ViewAsync(DbConnection c, DbTransaction? tx, Guid id)
    {
        var charges = (await c.QueryAsync<ChargeRow>(ChargesSql, new { Id = id }, tx))
            .Select(r => r.View()).ToArray();
        var payments = (await c.QueryAsync<PaymentRow>(PaymentsSql, new { Id = id }, tx))
            .Select(p => new PaymentView(p.Id, Fen.ToYuan(p.AmountFen), p.Method, p.Reference, p.ReceivedAt)).ToArray();
        decimal Sum(string party) => charges.Where(ch => ch.Party == party).Sum(ch => ch.Amount);
        var paid = payments.Sum(p => p.Amount);
        return new OrderMoneyView(id, charges, Sum("Manufacturer"), Sum("Customer"), Sum("Partner"), Sum("Store"), payments, paid, Sum("Customer") - paid);
    }

    private sealed class ChargeRow
    {
        public string Party { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Description { get; init; } = "";
        public string? DescriptionCode { get; init; }
        public string? DescriptionArgs { get; init; }
        public long AmountFen { get; init; }

        public ChargeView View()
        {
            var description = Text.StoredOrSaid(DescriptionCode, DescriptionArgs, Description);
            return new(Party, Kind, description?.Render() ?? "", description, Fen.ToYuan(AmountFen));
        }
    }

    private sealed class PaymentRow
    {
        public Guid Id { get; init; }
        public long AmountFen { get; init; }
        public PaymentMethod Method { get; init; }
        public string? Reference { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
    }
}
