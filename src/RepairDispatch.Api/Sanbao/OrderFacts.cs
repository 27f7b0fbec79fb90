using System.ComponentModel.DataAnnotations;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Sanbao;

public sealed record FaultCodeRequest([property: Required, StringLength(40, MinimumLength = 1)] string FaultCode);
public sealed record ExclusionRequest([property: Required] ExclusionKind? Kind, [property: Required, StringLength(500, MinimumLength = 1)] string Note);

public sealed record ExclusionView(Guid Id, ExclusionKind Kind, string Note, DateTimeOffset RecordedAt);

/// <param name="FaultCode">Repairs of an appliance with the same code (trimmed, upper case) are the same fault for 三包.</param>
public sealed record OrderSanbaoFacts(Guid WorkOrderId, string? FaultCode, IReadOnlyList<ExclusionView> Exclusions);

/// <summary>
/// The 三包 facts the technician or desk records on an order: the fault code (what "the same fault" compares) and the
/// exclusions found (misuse, unauthorised repair, no proof of purchase, commercial use), which stop 三包 on the appliance.
/// A technician may record them only on an order assigned to him; nobody on a cancelled order.
/// </summary>
public static class OrderFacts
{
    private const string OrderSql = "SELECT store_id, status, technician_id, fault_code FROM work_orders WHERE id = @Id";
    private const string SetFaultSql = "UPDATE work_orders SET fault_code = @FaultCode WHERE id = @Id";
    private const string InsertExclusionSql = """
        INSERT INTO work_order_exclusions (id, work_order_id, kind, note, recorded_by_user_id, recorded_at)
        VALUES (@Id, @WorkOrderId, @Kind, @Note, @UserId, @Now)
        """;
    private const string ExclusionsSql = "SELECT id, kind, note, recorded_at FROM work_order_exclusions WHERE work_order_id = @Id ORDER BY recorded_at, id";

    private sealed class OrderRow
    {
        public Guid StoreId { get; init; }
        public string Status { get; init; } = "";
        public Guid? TechnicianId { get; init; }
        public string? FaultCode { get; init; }
    }

    private sealed class ExclusionRow
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public string Note { get; init; } = "";
        public DateTimeOffset RecordedAt { get; init; }
    }

    public static async Task<IResult> Get(Guid id, HttpContext http, Db db)
    {
        await using var c = await db.OpenAsync();
        if (await c.QuerySingleOrDefaultAsync<OrderRow>(OrderSql, new { Id = id }) is not { } order || !Sees(http.Me(), order))
            return Problems.NotFound(Codes.Thing.WorkOrder);
        return TypedResults.Ok(await ViewAsync(c, null, id, order.FaultCode));
    }

    public static Task<IResult> SetFaultCode(Guid id, FaultCodeRequest request, HttpContext http, Db db) =>
        Write(id, http, db, async (c, tx, _) =>
        {
            var code = ApplianceFacts.Normalise(request.FaultCode);
            await c.ExecuteAsync(SetFaultSql, new { Id = id, FaultCode = code }, tx);
            return code;
        });

    public static Task<IResult> AddExclusion(Guid id, ExclusionRequest request, HttpContext http, Db db, TimeProvider clock) =>
        Write(id, http, db, async (c, tx, order) =>
        {
            await c.ExecuteAsync(InsertExclusionSql, new
            {
                Id = Guid.CreateVersion7(), WorkOrderId = id, Kind = request.Kind!.Value.ToString(), Note = request.Note.Trim(),
                UserId = http.Me().Id, Now = clock.GetUtcNow(),
            }, tx);
            return order.FaultCode;
        });

    private static async Task<IResult> Write(Guid id, HttpContext http, Db db, Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, OrderRow, Task<string?>> write)
    {
        var me = http.Me();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            if (await c.QuerySingleOrDefaultAsync<OrderRow>(OrderSql, new { Id = id }, tx) is not { } order || !Sees(me, order))
                return Problems.NotFound(Codes.Thing.WorkOrder);
            if (order.Status == nameof(WorkOrders.WorkOrderStatus.Cancelled))
                return Problems.InvalidTransition(order.Status, Codes.Sanbao.CancelledOrder);
            var faultCode = await write(c, tx, order);
            return TypedResults.Ok(await ViewAsync(c, tx, id, faultCode));
        });
    }

    private static bool Sees(CurrentUser me, OrderRow order) =>
        me.IsTechnician ? me.TechnicianId is { } t && order.TechnicianId == t : me.SeesStore(order.StoreId);

    private static async Task<OrderSanbaoFacts> ViewAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction? tx, Guid id, string? faultCode)
    {
        var rows = await c.QueryAsync<ExclusionRow>(ExclusionsSql, new { Id = id }, tx);
        return new(id, faultCode, [.. rows.Select(r => new ExclusionView(r.Id, Enum.Parse<ExclusionKind>(r.Kind), r.Note, r.RecordedAt))]);
    }
}
