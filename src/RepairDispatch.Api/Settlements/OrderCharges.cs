using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Contracts;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.InstallerPartners;
using RepairDispatch.Api.Parts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Settlements;

/// <summary>
/// Prices a work order at completion with the fee schedule of the contract version it was created under (and the
/// partner rate valid on its creation day) and
/// stores one row per charge line and party, in the completing transaction. Parts used are priced at the cost and
/// retail price of the day they were used.
/// </summary>
public static class OrderCharges
{
    private sealed class FeeRow
    {
        public string Category { get; init; } = "";
        public string? Level { get; init; }
        public long AmountFen { get; init; }
    }

    private const string RepairFeesSql = "SELECT category, level, amount_fen FROM contract_repair_fees WHERE contract_id = @ContractId";
    private const string InstallationFeesSql = """
        SELECT category, installation_fee_fen AS amount_fen FROM contract_categories
        WHERE contract_id = @ContractId AND installation_fee_fen IS NOT NULL
        """;
    private const string PartsReimbursementSql = "SELECT parts_reimbursement FROM service_contracts WHERE id = @ContractId";
    private const string InsertSql = """
        INSERT INTO work_order_charges (id, work_order_id, party, kind, description, description_code, description_args, amount_fen, created_at)
        VALUES (@Id, @WorkOrderId, @Party, @Kind, '', @DescriptionCode, @DescriptionArgs, @AmountFen, @CreatedAt)
        """;

    public static async Task<PricingResult> PriceAndStoreAsync(DbConnection c, DbTransaction tx, WorkOrder order, string category,
        IReadOnlyList<PricedPart> parts, CustomerPriceList priceList, DateOnly createdDay, DateTimeOffset now)
    {
        var schedule = order.ContractId is { } contractId ? await ScheduleAsync(c, tx, contractId) : null;
        decimal? rate = order.InstallerPartnerId is { } partner
            ? InstallerPartner.Rate(await PartnerRates.RateOnDayAsync(c, tx, partner, createdDay)) : null;
        var result = Pricing.Price(new PricingInput(order.Type, order.Payer, Enum.Parse<ApplianceCategory>(category), order.RepairLevel,
            (int)(order.LabourMinutes ?? 0), parts, schedule, priceList, rate, order.Claimable));
        var lines = result.ManufacturerClaim.Select(l => ("Manufacturer", l)).Concat(result.CustomerCharge.Select(l => ("Customer", l)))
            .Concat(result.PartnerPayout.Select(l => ("Partner", l))).Concat(result.ManagementFee.Select(l => ("Store", l)));
        foreach (var (party, line) in lines)
            await c.ExecuteAsync(InsertSql, new
            {
                Id = Guid.CreateVersion7(), WorkOrderId = order.Id, Party = party, line.Kind,
                DescriptionCode = line.Description.Code, DescriptionArgs = line.Description.StoredArgs(),
                AmountFen = Fen.FromYuan(line.Amount), CreatedAt = now,
            }, tx);
        return result;
    }

    private static async Task<FeeSchedule> ScheduleAsync(DbConnection c, DbTransaction tx, Guid contractId)
    {
        var repair = await c.QueryAsync<FeeRow>(RepairFeesSql, new { ContractId = contractId }, tx);
        var install = await c.QueryAsync<FeeRow>(InstallationFeesSql, new { ContractId = contractId }, tx);
        var parts = await c.ExecuteScalarAsync<string>(PartsReimbursementSql, new { ContractId = contractId }, tx);
        return new FeeSchedule(
            repair.ToDictionary(f => (Enum.Parse<ApplianceCategory>(f.Category), Enum.Parse<RepairLevel>(f.Level!)), f => Fen.ToYuan(f.AmountFen)),
            install.ToDictionary(f => Enum.Parse<ApplianceCategory>(f.Category), f => Fen.ToYuan(f.AmountFen)),
            null, Enum.Parse<PartsReimbursement>(parts!));
    }
}
