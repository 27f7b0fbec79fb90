using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Parts;
using RepairDispatch.Api.WorkOrders;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Contracts;

public static class ReadContracts
{
    private const string ContractsSql = """
        SELECT id, manufacturer_id, series_id, version, valid_from, valid_to, certification_required, parts_reimbursement,
               callback_fee_fen, sla_assign_hours, sla_on_site_hours, sla_complete_hours, claim_callback_required,
               claim_old_part_required, claim_old_part_within_days, claim_submit_within_days, created_at
        FROM service_contracts WHERE manufacturer_id = @ManufacturerId AND (@Id IS NULL OR id = @Id)
        ORDER BY valid_from, version
        """;
    private const string CategoriesSql = """
        SELECT contract_id, category, whole_unit_months, main_part_months, installation_fee_fen
        FROM contract_categories WHERE contract_id IN @Ids
        """;
    private const string EvidenceSql = "SELECT contract_id, order_type, kind FROM contract_claim_evidence WHERE contract_id IN @Ids";
    private const string RepairFeesSql = "SELECT contract_id, category, level, amount_fen FROM contract_repair_fees WHERE contract_id IN @Ids";

    public static async Task<IResult> List(Guid id, Db db)
    {
        await using var c = await db.OpenAsync();
        return TypedResults.Ok(new Page<ContractResponse>(await LoadAsync(c, id, null), null));
    }

    public static async Task<IResult> Get(Guid id, Guid contractId, Db db)
    {
        await using var c = await db.OpenAsync();
        return (await LoadAsync(c, id, contractId)).SingleOrDefault() is { } contract
            ? TypedResults.Ok(contract) : Problems.NotFound(Codes.Thing.Contract);
    }

    private static async Task<List<ContractResponse>> LoadAsync(DbConnection c, Guid manufacturerId, Guid? contractId)
    {
        var rows = (await c.QueryAsync<Row>(ContractsSql, new { ManufacturerId = manufacturerId, Id = contractId })).ToList();
        if (rows.Count == 0) return [];
        var ids = new { Ids = Db.IdList(c, rows.Select(r => r.Id)) };
        var categories = (await c.QueryAsync<CategoryRow>(CategoriesSql, ids)).ToLookup(r => r.ContractId);
        var fees = (await c.QueryAsync<FeeRow>(RepairFeesSql, ids)).ToLookup(r => r.ContractId);
        var evidence = (await c.QueryAsync<EvidenceRow>(EvidenceSql, ids)).ToLookup(r => r.ContractId);
        return rows.Select(r =>
        {
            var cats = categories[r.Id].OrderBy(x => x.Category).ToList();
            return new ContractResponse(r.Id, r.ManufacturerId, r.SeriesId, (int)r.Version, r.ValidFrom, r.ValidTo,
                cats.Select(x => x.Category).ToArray(),
                cats.Select(x => new WarrantyTermView(x.Category, (int)x.WholeUnitMonths, (int)x.MainPartMonths)).ToArray(),
                new FeesView(
                    fees[r.Id].Select(f => new RepairFeeView(f.Category, f.Level, Fen.ToYuan(f.AmountFen))).ToArray(),
                    cats.Where(x => x.InstallationFeeFen is not null).Select(x => new InstallationFeeView(x.Category, Fen.ToYuan(x.InstallationFeeFen!.Value))).ToArray(),
                    r.CallbackFeeFen is { } cb ? Fen.ToYuan(cb) : null, r.PartsReimbursement),
                r.CertificationRequired,
                r.SlaAssignHours is null && r.SlaOnSiteHours is null && r.SlaCompleteHours is null ? null
                    : new SlaTerms((int?)r.SlaAssignHours, (int?)r.SlaOnSiteHours, (int?)r.SlaCompleteHours),
                new ClaimRulesView(r.ClaimCallbackRequired,
                    evidence[r.Id].GroupBy(e => e.OrderType).OrderBy(g => g.Key)
                        .Select(g => new EvidenceRuleView(g.Key, g.Select(e => e.Kind).Order().ToArray())).ToArray(),
                    r.ClaimOldPartRequired ? new OldPartReturnView(true, (int?)r.ClaimOldPartWithinDays) : null, (int?)r.ClaimSubmitWithinDays),
                r.CreatedAt);
        }).ToList();
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid ManufacturerId { get; init; }
        public Guid SeriesId { get; init; }
        public long Version { get; init; }
        public DateOnly ValidFrom { get; init; }
        public DateOnly? ValidTo { get; init; }
        public bool CertificationRequired { get; init; }
        public PartsReimbursement PartsReimbursement { get; init; }
        public long? CallbackFeeFen { get; init; }
        public long? SlaAssignHours { get; init; }
        public long? SlaOnSiteHours { get; init; }
        public long? SlaCompleteHours { get; init; }
        public bool ClaimCallbackRequired { get; init; }
        public bool ClaimOldPartRequired { get; init; }
        public long? ClaimOldPartWithinDays { get; init; }
        public long? ClaimSubmitWithinDays { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }

    private sealed class EvidenceRow
    {
        public Guid ContractId { get; init; }
        public WorkOrderType OrderType { get; init; }
        public Photos.PhotoKind Kind { get; init; }
    }

    private sealed class CategoryRow
    {
        public Guid ContractId { get; init; }
        public ApplianceCategory Category { get; init; }
        public long WholeUnitMonths { get; init; }
        public long MainPartMonths { get; init; }
        public long? InstallationFeeFen { get; init; }
    }

    private sealed class FeeRow
    {
        public Guid ContractId { get; init; }
        public ApplianceCategory Category { get; init; }
        public RepairLevel Level { get; init; }
        public long AmountFen { get; init; }
    }
}
