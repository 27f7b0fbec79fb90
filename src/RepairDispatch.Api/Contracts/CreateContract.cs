using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Parts;
using RepairDispatch.Api.WorkOrders;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Contracts;

/// <summary>
/// Creates a contract version. Two versions of one manufacturer covering the same category may not be valid on
/// the same day; a new version of an existing contract (`supersedes`) ends the previous one where it starts.
/// </summary>
public static class CreateContract
{
    private sealed class Previous
    {
        public Guid ManufacturerId { get; init; }
        public Guid SeriesId { get; init; }
        public long Version { get; init; }
        public DateOnly ValidFrom { get; init; }
        public DateOnly? ValidTo { get; init; }
        public long Newer { get; init; }
    }

    private const string ManufacturerExistsSql = "SELECT COUNT(*) FROM manufacturers WHERE id = @Id";
    private const string PreviousSql = """
        SELECT c.manufacturer_id, c.series_id, c.version, c.valid_from, c.valid_to,
               (SELECT COUNT(*) FROM service_contracts n WHERE n.series_id = c.series_id AND n.version > c.version) AS newer
        FROM service_contracts c WHERE c.id = @Id
        """;
    private const string EndPreviousSql = "UPDATE service_contracts SET valid_to = @ValidTo WHERE id = @Id";
    private const string OverlapSql = """
        SELECT cc.category FROM service_contracts c JOIN contract_categories cc ON cc.contract_id = c.id
        WHERE c.manufacturer_id = @ManufacturerId AND cc.category IN @Categories
          AND (@Superseded IS NULL OR c.id <> @Superseded)
          AND (c.valid_to IS NULL OR c.valid_to > @ValidFrom) AND (@ValidTo IS NULL OR c.valid_from < @ValidTo)
        """;
    private const string InsertSql = """
        INSERT INTO service_contracts (id, manufacturer_id, series_id, version, valid_from, valid_to, certification_required,
            parts_reimbursement, callback_fee_fen, sla_assign_hours, sla_on_site_hours, sla_complete_hours, claim_callback_required,
            claim_old_part_required, claim_old_part_within_days, claim_submit_within_days, created_by_user_id, created_at)
        VALUES (@Id, @ManufacturerId, @SeriesId, @Version, @ValidFrom, @ValidTo, @CertificationRequired,
            @PartsReimbursement, @CallbackFeeFen, @AssignHours, @OnSiteHours, @CompleteHours, @CallbackRequired,
            @OldPartRequired, @OldPartWithinDays, @SubmitWithinDays, @CreatedBy, @CreatedAt)
        """;
    private const string InsertEvidenceSql = "INSERT INTO contract_claim_evidence (contract_id, order_type, kind) VALUES (@ContractId, @OrderType, @Kind)";
    private const string InsertCategorySql = """
        INSERT INTO contract_categories (contract_id, category, whole_unit_months, main_part_months, installation_fee_fen)
        VALUES (@ContractId, @Category, @WholeUnitMonths, @MainPartMonths, @InstallationFeeFen)
        """;
    private const string InsertRepairFeeSql = """
        INSERT INTO contract_repair_fees (contract_id, category, level, amount_fen) VALUES (@ContractId, @Category, @Level, @AmountFen)
        """;

    public static async Task<IResult> Handle(Guid id, ContractRequest request, HttpContext http, Db db, TimeProvider clock)
    {
        if (ContractRules.Check(request) is { } invalid) return invalid;
        var me = http.Me();
        var validFrom = request.ValidFrom!.Value;
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<long>(ManufacturerExistsSql, new { Id = id }, tx) == 0) return Problems.NotFound(Codes.Thing.Manufacturer);
            var (seriesId, version) = (Guid.CreateVersion7(), 1L);
            if (request.Supersedes is { } previousId)
            {
                var previous = await c.QuerySingleOrDefaultAsync<Previous>(PreviousSql, new { Id = previousId }, tx);
                if (previous is null || previous.ManufacturerId != id) return Problems.Validation("supersedes", Codes.Refusal.NoSuchContract);
                if (previous.Newer > 0) return Problems.Conflict("contract-not-latest", Codes.Refusal.ContractNotLatest);
                if (validFrom <= previous.ValidFrom || previous.ValidTo is { } end && end <= validFrom)
                    return Problems.Validation("validFrom", Codes.Refusal.ValidFromInsideSuperseded.With(Codes.Day(previous.ValidFrom),
                        previous.ValidTo is { } to ? Codes.Day(to) : Codes.Refusal.OpenEnded));
                (seriesId, version) = (previous.SeriesId, previous.Version + 1);
            }
            var overlapping = (await c.QueryAsync<string>(OverlapSql, new
            {
                ManufacturerId = id, Categories = request.Categories.Select(x => x.ToString()).ToArray(), Superseded = request.Supersedes,
                ValidFrom = validFrom, request.ValidTo,
            }, tx)).Distinct().ToList();
            if (overlapping.Count > 0)
                return Problems.Conflict("contract-overlap", Codes.Refusal.ContractOverlap.With(
                    overlapping.Select(category => Codes.Category(category)).ToList()));
            if (request.Supersedes is { } superseded) await c.ExecuteAsync(EndPreviousSql, new { Id = superseded, ValidTo = validFrom }, tx);

            var contract = ContractRules.ToResponse(request, id, Guid.CreateVersion7(), seriesId, (int)version, clock.GetUtcNow());
            await InsertAsync(c, tx, contract, me.Id);
            return TypedResults.Created($"/api/v1/manufacturers/{id}/contracts/{contract.Id}", contract);
        });
    }

    private static async Task InsertAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, ContractResponse k, Guid createdBy)
    {
        await c.ExecuteAsync(InsertSql, new
        {
            k.Id, k.ManufacturerId, k.SeriesId, k.Version, k.ValidFrom, k.ValidTo, k.CertificationRequired,
            PartsReimbursement = k.Fees.PartsReimbursement.ToString(), CallbackFeeFen = k.Fees.Callback is { } cb ? Fen.FromYuan(cb) : (long?)null,
            k.Sla?.AssignHours, k.Sla?.OnSiteHours, k.Sla?.CompleteHours, k.ClaimRules.CallbackRequired,
            OldPartRequired = k.ClaimRules.OldPartReturn is not null, OldPartWithinDays = k.ClaimRules.OldPartReturn?.WithinDays,
            k.ClaimRules.SubmitWithinDays, CreatedBy = createdBy, k.CreatedAt,
        }, tx);
        foreach (var rule in k.ClaimRules.Evidence)
            foreach (var kind in rule.Kinds)
                await c.ExecuteAsync(InsertEvidenceSql, new { ContractId = k.Id, OrderType = rule.Type.ToString(), Kind = kind.ToString() }, tx);
        foreach (var term in k.WarrantyTerms)
        {
            var install = k.Fees.Installation.FirstOrDefault(f => f.Category == term.Category);
            await c.ExecuteAsync(InsertCategorySql, new
            {
                ContractId = k.Id, Category = term.Category.ToString(), term.WholeUnitMonths, term.MainPartMonths,
                InstallationFeeFen = install is null ? (long?)null : Fen.FromYuan(install.Amount),
            }, tx);
        }
        foreach (var fee in k.Fees.Repair)
            await c.ExecuteAsync(InsertRepairFeeSql, new { ContractId = k.Id, Category = fee.Category.ToString(), Level = fee.Level.ToString(), AmountFen = Fen.FromYuan(fee.Amount) }, tx);
    }
}
