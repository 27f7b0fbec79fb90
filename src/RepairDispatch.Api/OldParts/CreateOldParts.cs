using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Settlements;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.OldParts;

/// <summary>
/// Completing a repair the manufacturer pays for (a claim we file: payer Manufacturer and claimable) tags each part it
/// replaced as an old part, still with the technician. The order's contract version says whether the manufacturer
/// wants it back and within how many days of the completion's store day.
/// </summary>
public static class CreateOldParts
{
    private sealed class ReturnRule
    {
        public bool ClaimOldPartRequired { get; init; }
        public int? ClaimOldPartWithinDays { get; init; }
    }

    private const string RuleSql = "SELECT claim_old_part_required, claim_old_part_within_days FROM service_contracts WHERE id = @ContractId";
    private const string TaggedSql = "SELECT part_id FROM old_parts WHERE work_order_id = @WorkOrderId";
    private const string TagTakenSql = "SELECT COUNT(*) FROM old_parts WHERE tag = @Tag";
    private const string InsertSql = """
        INSERT INTO old_parts (id, tag, store_id, work_order_id, part_id, manufacturer_id, technician_id, quantity, status, return_required, due_on,
                               version, created_at, updated_at)
        VALUES (@Id, @Tag, @StoreId, @WorkOrderId, @PartId, @ManufacturerId, @TechnicianId, @Quantity, 'WithTechnician', @ReturnRequired, @DueOn,
                1, @Now, @Now)
        """;

    public static async Task AtCompletionAsync(DbConnection c, DbTransaction tx, WorkOrder order, Guid manufacturerId,
        IReadOnlyList<PricedPart> parts, DateOnly completedOn, DateTimeOffset now)
    {
        if (parts.Count == 0 || order.Type != WorkOrderType.Repair || order.Payer != Payer.Manufacturer || !order.Claimable) return;
        var rule = order.ContractId is { } contractId
            ? await c.QuerySingleOrDefaultAsync<ReturnRule>(RuleSql, new { ContractId = contractId }, tx) : null;
        var required = rule?.ClaimOldPartRequired == true;
        DateOnly? dueOn = required && rule!.ClaimOldPartWithinDays is { } days ? completedOn.AddDays(days) : null;
        var tagged = (await c.QueryAsync<Guid>(TaggedSql, new { WorkOrderId = order.Id }, tx)).ToHashSet();
        var created = new List<(Guid, Guid)>();
        foreach (var part in parts.Where(p => !tagged.Contains(p.PartId)))
        {
            var id = Guid.CreateVersion7();
            await c.ExecuteAsync(InsertSql, new
            {
                Id = id, Tag = await FreeTagAsync(c, tx), order.StoreId, WorkOrderId = order.Id, part.PartId, ManufacturerId = manufacturerId,
                order.TechnicianId, Quantity = part.Qty, ReturnRequired = required, DueOn = dueOn, Now = now,
            }, tx);
            created.Add((id, order.Id));
        }
        await OldPartHistory.RecordAsync(c, tx, created, OldPartStatus.WithTechnician, userId: null, now);
    }

    // 32^6 tags: a clash is rare, and the unique index stays the last word.
    private static async Task<string> FreeTagAsync(DbConnection c, DbTransaction tx)
    {
        while (true)
        {
            var tag = OldPartTags.New();
            if (await c.ExecuteScalarAsync<long>(TagTakenSql, new { Tag = tag }, tx) == 0) return tag;
        }
    }
}
