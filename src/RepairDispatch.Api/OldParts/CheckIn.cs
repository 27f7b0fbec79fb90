using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.OldParts;

/// <summary>
/// The desk scans or types a tag when the technician hands the part in: WithTechnician → InStore. Scanning it again
/// answers the same 200 and changes nothing (a scanner double-reads; a clerk scans twice). A tag of another store is 404.
/// </summary>
public static class CheckIn
{
    private const string UpdateSql = """
        UPDATE old_parts SET status = 'InStore', checked_in_at = @Now, checked_in_by_user_id = @UserId, version = version + 1, updated_at = @Now
        WHERE id = @Id AND version = @Version
        """;

    public static async Task<IResult> Handle(string tag, HttpContext http, Db db, TimeProvider clock)
    {
        if (OldPartTags.Normalize(tag) is not { } canonical) return Problems.Validation("tag", Codes.OldPart.NotATag.With(tag));
        var me = http.Me();
        var ifMatch = ETags.IfMatch(http.Request);
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var part = await OldPartRow.ByTagAsync(c, tx, canonical);
            if (part is null || !me.SeesStore(part.StoreId)) return Problems.NotFound(Codes.OldPart.Thing);
            if (part.State == OldPartStatus.InStore)
                return new WithETag(part.ETag, TypedResults.Ok(await OldPartHistory.DetailAsync(c, tx, part, now)));
            if (ifMatch is { } expected && expected != part.Version) return Problems.PreconditionFailed(part.ETag);
            if (part.State != OldPartStatus.WithTechnician) return OldPartProblems.WrongStatus(part, Codes.OldPart.CheckIn);
            await WriteRaces.BeforeVersionedWriteAsync(c, tx, "old_parts", part.Id);
            if (await c.ExecuteAsync(UpdateSql, new { part.Id, part.Version, Now = now, UserId = me.Id }, tx) == 0)
                throw new ConcurrencyConflictException("old_parts", part.Id);
            await OldPartHistory.RecordAsync(c, tx, [(part.Id, part.WorkOrderId)], OldPartStatus.InStore, me.Id, now);
            var changed = (await OldPartRow.ByIdAsync(c, tx, part.Id))!;
            return new WithETag(changed.ETag, TypedResults.Ok(await OldPartHistory.DetailAsync(c, tx, changed, now)));
        });
    }
}
