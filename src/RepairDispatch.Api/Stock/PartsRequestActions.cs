using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Stores;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Stock;

public sealed record RejectPartsRequestRequest([property: Required, StringLength(500, MinimumLength = 1)] string Reason);

/// <param name="ExpectedOn">When the parts should arrive (the receiving store's day): the desk tells the waiting customer.</param>
public sealed record ShipPartsRequestRequest([property: Required] DateOnly? ExpectedOn);

/// <summary>
/// Requested → Approved | Rejected → Shipped → Received. Shipping takes the parts out of the sending location
/// (TransferOut, refused naming the part when it holds too few); receiving puts them into the receiving one (TransferIn).
/// </summary>
public static class PartsRequestActions
{
    private const string SaveSql = """
        UPDATE parts_requests SET status = @Status, decided_by = @DecidedBy, decided_at = @DecidedAt, reject_reason = @RejectReason,
            shipped_by = @ShippedBy, shipped_at = @ShippedAt, expected_on = @ExpectedOn, received_by = @ReceivedBy, received_at = @ReceivedAt,
            version = version + 1
        WHERE id = @Id AND version = @Version
        """;
    private const string LinesSql = "SELECT part_id, qty FROM parts_request_lines WHERE parts_request_id = @Id ORDER BY part_id";

    private delegate Task<IResult?> Step(PartsRequest request, DbConnection c, DbTransaction tx);

    public static Task<IResult> Approve(Guid id, HttpContext http, Db db, TimeProvider clock) =>
        RunAsync(id, http, db, PartsRequestStatus.Requested, PartsRequestStatus.Approved, Codes.Stock.Approve, (r, _, _) =>
        {
            (r.DecidedBy, r.DecidedAt) = (http.Me().Id, clock.GetUtcNow());
            return Task.FromResult<IResult?>(null);
        });

    public static Task<IResult> Reject(Guid id, RejectPartsRequestRequest body, HttpContext http, Db db, TimeProvider clock) =>
        RunAsync(id, http, db, PartsRequestStatus.Requested, PartsRequestStatus.Rejected, Codes.Stock.Reject, (r, _, _) =>
        {
            (r.DecidedBy, r.DecidedAt, r.RejectReason) = (http.Me().Id, clock.GetUtcNow(), body.Reason.Trim());
            return Task.FromResult<IResult?>(null);
        });

    public static Task<IResult> Ship(Guid id, ShipPartsRequestRequest body, HttpContext http, Db db, TimeProvider clock) =>
        RunAsync(id, http, db, PartsRequestStatus.Approved, PartsRequestStatus.Shipped, Codes.Stock.Ship, async (r, c, tx) =>
        {
            var me = http.Me();
            if (!me.SeesStore(r.FromStoreId)) return Problems.Forbidden(Codes.Stock.NotYourLocation);
            var now = clock.GetUtcNow();
            if (body.ExpectedOn < (await StoreClock.OfStoreAsync(c, tx, r.ToStoreId)).DayOf(now))
                return Problems.Validation("expectedOn", Codes.Stock.ExpectedInPast);
            var lines = (await c.QueryAsync<LineRow>(LinesSql, new { r.Id }, tx)).ToList();
            var (parts, _) = await StockParts.KnownAsync(c, tx, lines.Select(l => l.PartId).ToList());
            for (var i = 0; i < lines.Count; i++)
            {
                var part = parts[lines[i].PartId];
                if (!await StockLedger.TryMoveAsync(c, tx, new Movement(r.FromLocationId, part.Id, MovementKind.TransferOut, -lines[i].Qty, me.Id, now,
                        part.CostFen, PartsRequestId: r.Id, WorkOrderId: r.WorkOrderId)))
                    return StockParts.NotEnough(part, await StockLedger.OnHandAsync(c, tx, r.FromLocationId, part.Id), lines[i].Qty, $"lines[{i}].qty");
            }
            (r.ShippedBy, r.ShippedAt, r.ExpectedOn) = (me.Id, now, body.ExpectedOn);
            return null;
        });

    public static Task<IResult> Receive(Guid id, HttpContext http, Db db, TimeProvider clock) =>
        RunAsync(id, http, db, PartsRequestStatus.Shipped, PartsRequestStatus.Received, Codes.Stock.Receive, async (r, c, tx) =>
        {
            var me = http.Me();
            if (me.Role == Roles.Finance) return Problems.Forbidden(Codes.Stock.MayNotRequest);
            if (me.IsTechnician ? me.TechnicianId != r.ToLocationId : !me.SeesStore(r.ToStoreId)) return Problems.Forbidden(Codes.Stock.NotYourLocation);
            var now = clock.GetUtcNow();
            foreach (var line in await c.QueryAsync<LineRow>(LinesSql, new { r.Id }, tx))
                await StockLedger.TryMoveAsync(c, tx, new Movement(r.ToLocationId, line.PartId, MovementKind.TransferIn, line.Qty, me.Id, now,
                    PartsRequestId: r.Id, WorkOrderId: r.WorkOrderId));
            (r.ReceivedBy, r.ReceivedAt) = (me.Id, now);
            return null;
        });

    private static async Task<IResult> RunAsync(Guid id, HttpContext http, Db db, PartsRequestStatus from, PartsRequestStatus to, Code action, Step step)
    {
        var me = http.Me();
        var ifMatch = ETags.IfMatch(http.Request);
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var request = await PartsRequest.ByIdAsync(c, tx, id);
            if (request is null || !request.IsVisibleTo(me)) return Problems.NotFound(Codes.Stock.RequestThing);
            if (ifMatch is { } expected && expected != request.Version) return Problems.PreconditionFailed(request.ETag);
            if (request.State != from)
                return Problems.InvalidTransition(request.Status, Codes.Stock.WrongStatus.With(Codes.Word(request.State), action));
            if (await step(request, c, tx) is { } refusal) return refusal;
            request.Status = to.ToString();
            await WriteRaces.BeforeVersionedWriteAsync(c, tx, "parts_requests", id);
            if (await c.ExecuteAsync(SaveSql, request, tx) == 0) throw new ConcurrencyConflictException("parts_requests", id);
            var saved = (await PartsRequest.ByIdAsync(c, tx, id))!;
            return new WithETag(saved.ETag, TypedResults.Ok(await saved.ViewAsync(c, tx)));
        });
    }

    private sealed class LineRow
    {
        public Guid PartId { get; init; }
        public int Qty { get; init; }
    }
}
