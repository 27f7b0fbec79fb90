using System.ComponentModel.DataAnnotations;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.OldParts;

public sealed record CreateReturnRequest(
    [property: Required] Guid? ManufacturerId,
    [property: Required, MinLength(1), MaxLength(200)] List<string>? Tags,
    [property: Required, StringLength(100, MinimumLength = 1)] string Carrier,
    [property: Required, StringLength(100, MinimumLength = 1)] string Waybill);

/// <summary>
/// A return batch: parts checked in at one store, all of the named manufacturer, shipped with one waybill (InStore →
/// Shipped). A tag that is not such a part refuses the whole batch naming it (`tags[i]`).
/// </summary>
public static class CreateReturn
{
    private const string ManufacturerSql = "SELECT COUNT(*) FROM manufacturers WHERE id = @Id";
    private const string WaybillTakenSql = "SELECT COUNT(*) FROM old_part_returns WHERE carrier = @Carrier AND waybill = @Waybill";
    private const string InsertSql = """
        INSERT INTO old_part_returns (id, store_id, manufacturer_id, carrier, waybill, status, shipped_at, created_by_user_id, version, created_at)
        VALUES (@Id, @StoreId, @ManufacturerId, @Carrier, @Waybill, 'Shipped', @Now, @UserId, 1, @Now)
        """;
    private const string ShipSql = """
        UPDATE old_parts SET status = 'Shipped', return_id = @ReturnId, version = version + 1, updated_at = @Now
        WHERE id = @Id AND version = @Version
        """;

    public static async Task<IResult> Handle(CreateReturnRequest request, HttpContext http, Db db, TimeProvider clock)
    {
        if (OldPartProblems.Tags(request.Tags, out var tags) is { } badTag) return badTag;
        var (carrier, waybill) = (request.Carrier.Trim(), request.Waybill.Trim());
        if (carrier.Length == 0) return Problems.Validation("carrier", Codes.OldPart.CarrierRequired);
        if (waybill.Length == 0) return Problems.Validation("waybill", Codes.OldPart.WaybillRequired);
        var me = http.Me();
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<long>(ManufacturerSql, new { Id = request.ManufacturerId }, tx) == 0)
                return Problems.Validation("manufacturerId", Codes.Refusal.NoSuchManufacturer);
            var parts = new List<OldPartRow>();
            for (var i = 0; i < tags.Count; i++)
            {
                var part = await OldPartRow.ByTagAsync(c, tx, tags[i]);
                var field = $"tags[{i}]";
                if (part is null || !me.SeesStore(part.StoreId)) return Problems.Validation(field, Codes.OldPart.NoSuchTag.With(tags[i]));
                if (part.ManufacturerId != request.ManufacturerId)
                    return Problems.Validation(field, Codes.OldPart.OtherManufacturer.With(tags[i], part.ManufacturerName));
                if (parts.Count > 0 && part.StoreId != parts[0].StoreId) return Problems.Validation(field, Codes.OldPart.OtherStore.With(tags[i]));
                if (part.State != OldPartStatus.InStore)
                    return Problems.Conflict("old-part-status", Codes.OldPart.NotInStore.With(tags[i], Codes.Word(part.State)),
                        new Dictionary<string, object?> { ["field"] = field, ["tag"] = tags[i], ["currentStatus"] = part.Status });
                parts.Add(part);
            }
            if (await c.ExecuteScalarAsync<long>(WaybillTakenSql, new { Carrier = carrier, Waybill = waybill }, tx) > 0)
                return Problems.Conflict("waybill-taken", Codes.OldPart.WaybillTaken.With(carrier, waybill),
                    new Dictionary<string, object?> { ["field"] = "waybill" });
            var id = Guid.CreateVersion7();
            await c.ExecuteAsync(InsertSql, new { Id = id, parts[0].StoreId, request.ManufacturerId, Carrier = carrier, Waybill = waybill,
                Now = now, UserId = me.Id }, tx);
            foreach (var part in parts)
            {
                await WriteRaces.BeforeVersionedWriteAsync(c, tx, "old_parts", part.Id);
                if (await c.ExecuteAsync(ShipSql, new { part.Id, part.Version, ReturnId = id, Now = now }, tx) == 0)
                    throw new ConcurrencyConflictException("old_parts", part.Id);
            }
            await OldPartHistory.RecordAsync(c, tx, parts.Select(p => (p.Id, p.WorkOrderId)), OldPartStatus.Shipped, me.Id, now, returnId: id);
            var batch = (await ReturnRow.ByIdAsync(c, tx, id))!;
            return new WithETag(batch.ETag, TypedResults.Created($"/api/v1/old-parts/returns/{id}", await batch.ViewAsync(c, tx, now)));
        });
    }
}
