using System.ComponentModel.DataAnnotations;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Stores;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.OldParts;

public sealed record ReceiveReturnRequest([property: Required] DateOnly? ReceivedOn, [property: MaxLength(200)] List<string>? Tags);

/// <summary>
/// The manufacturer confirmed receipt (their portal or a call): the listed parts of the batch, or all still on their
/// way, become Received on that day. The batch is Received once none of its parts is still on its way. Parts
/// already received are left as they are, so a repeat changes nothing.
/// </summary>
public static class ReceiveReturn
{
    private const string ReceiveSql = """
        UPDATE old_parts SET status = 'Received', received_on = @ReceivedOn, version = version + 1, updated_at = @Now
        WHERE id = @Id AND version = @Version
        """;
    private const string BatchSql = """
        UPDATE old_part_returns SET status = @Status, received_on = @ReceivedOn, version = version + 1
        WHERE id = @Id AND version = @Version
        """;

    public static async Task<IResult> Handle(Guid id, ReceiveReturnRequest request, HttpContext http, Db db, TimeProvider clock)
    {
        if (OldPartProblems.Tags(request.Tags, out var tags) is { } badTag) return badTag;
        var me = http.Me();
        var ifMatch = ETags.IfMatch(http.Request);
        var now = clock.GetUtcNow();
        var receivedOn = request.ReceivedOn!.Value;
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var batch = await ReturnRow.ByIdAsync(c, tx, id);
            if (batch is null || !me.SeesStore(batch.StoreId)) return Problems.NotFound(Codes.OldPart.ReturnThing);
            if (ifMatch is { } expected && expected != batch.Version) return Problems.PreconditionFailed(batch.ETag);
            var zone = await StoreClock.OfStoreAsync(c, tx, batch.StoreId);
            if (receivedOn > zone.DayOf(now)) return Problems.Validation("receivedOn", Codes.Refusal.InTheFuture);
            if (receivedOn < zone.DayOf(batch.ShippedAt)) return Problems.Validation("receivedOn", Codes.OldPart.ReceivedBeforeShipped);
            var parts = await ReturnRow.PartsAsync(c, tx, id);
            var chosen = new List<OldPartRow>();
            for (var i = 0; i < tags.Count; i++)
            {
                if (parts.Find(p => p.Tag == tags[i]) is not { } part) return Problems.Validation($"tags[{i}]", Codes.OldPart.NotInBatch.With(tags[i]));
                if (part.State is OldPartStatus.Lost or OldPartStatus.Scrapped) return OldPartProblems.WrongStatus(part, Codes.OldPart.Receive);
                chosen.Add(part);
            }
            var arriving = (tags.Count == 0 ? parts : chosen).Where(p => p.State == OldPartStatus.Shipped).ToList();
            foreach (var part in arriving)
            {
                await WriteRaces.BeforeVersionedWriteAsync(c, tx, "old_parts", part.Id);
                if (await c.ExecuteAsync(ReceiveSql, new { part.Id, part.Version, ReceivedOn = receivedOn, Now = now }, tx) == 0)
                    throw new ConcurrencyConflictException("old_parts", part.Id);
            }
            await OldPartHistory.RecordAsync(c, tx, arriving.Select(p => (p.Id, p.WorkOrderId)), OldPartStatus.Received, me.Id, now, returnId: id);
            var stillOnTheWay = parts.Count(p => p.State == OldPartStatus.Shipped) - arriving.Count;
            if (arriving.Count > 0 || (stillOnTheWay == 0 && batch.Status == nameof(ReturnStatus.Shipped)))
            {
                var done = stillOnTheWay == 0;
                await WriteRaces.BeforeVersionedWriteAsync(c, tx, "old_part_returns", id);
                if (await c.ExecuteAsync(BatchSql, new
                    {
                        Id = id, batch.Version, Status = (done ? ReturnStatus.Received : ReturnStatus.Shipped).ToString(),
                        ReceivedOn = done ? receivedOn : (DateOnly?)null,
                    }, tx) == 0)
                    throw new ConcurrencyConflictException("old_part_returns", id);
            }
            var changed = (await ReturnRow.ByIdAsync(c, tx, id))!;
            return new WithETag(changed.ETag, TypedResults.Ok(await changed.ViewAsync(c, tx, now)));
        });
    }
}
