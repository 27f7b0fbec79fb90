using System.ComponentModel.DataAnnotations;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.OldParts;

public enum WriteOffStatus { Lost, Scrapped }

public sealed record WriteOffRequest([property: Required] WriteOffStatus? Status, [property: Required, StringLength(1000)] string Reason);

/// <summary>A manager writes a part off as Lost or Scrapped, with a reason; a part the manufacturer received cannot be (409).</summary>
public static class WriteOff
{
    private const string UpdateSql = """
        UPDATE old_parts SET status = @Status, written_off_reason = @Reason, written_off_by_user_id = @UserId, version = version + 1, updated_at = @Now
        WHERE id = @Id AND version = @Version
        """;

    public static async Task<IResult> Handle(Guid id, WriteOffRequest request, HttpContext http, Db db, TimeProvider clock)
    {
        var reason = request.Reason.Trim();
        if (reason.Length == 0) return Problems.Validation("reason", Codes.OldPart.ReasonRequired);
        var me = http.Me();
        var ifMatch = ETags.IfMatch(http.Request);
        var now = clock.GetUtcNow();
        var status = Enum.Parse<OldPartStatus>(request.Status!.Value.ToString());
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var part = await OldPartRow.ByIdAsync(c, tx, id);
            if (part is null || !me.SeesStore(part.StoreId)) return Problems.NotFound(Codes.OldPart.Thing);
            if (ifMatch is { } expected && expected != part.Version) return Problems.PreconditionFailed(part.ETag);
            if (part.State is OldPartStatus.Received or OldPartStatus.Lost or OldPartStatus.Scrapped) return OldPartProblems.WrongStatus(part, Codes.OldPart.WriteOff);
            await WriteRaces.BeforeVersionedWriteAsync(c, tx, "old_parts", id);
            if (await c.ExecuteAsync(UpdateSql, new { Id = id, part.Version, Status = status.ToString(), Reason = reason, UserId = me.Id, Now = now }, tx) == 0)
                throw new ConcurrencyConflictException("old_parts", id);
            await OldPartHistory.RecordAsync(c, tx, [(part.Id, part.WorkOrderId)], status, me.Id, now, part.ReturnId, reason);
            var changed = (await OldPartRow.ByIdAsync(c, tx, id))!;
            return new WithETag(changed.ETag, TypedResults.Ok(await OldPartHistory.DetailAsync(c, tx, changed, now)));
        });
    }
}
