using System.Data.Common;
using Dapper;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Contracts;

/// <summary>What a work order needs from the contract that covers it: the version's id, warranty terms, certification, SLA.</summary>
public sealed class ContractTerms
{
    public Guid Id { get; init; }
    public bool CertificationRequired { get; init; }
    public long WholeUnitMonths { get; init; }
    public long MainPartMonths { get; init; }
    public long? SlaAssignHours { get; init; }
    public long? SlaOnSiteHours { get; init; }
    public long? SlaCompleteHours { get; init; }

    public WarrantyTerms Warranty => new((int)WholeUnitMonths, (int)MainPartMonths);
}

public static class ContractLookup
{
    private const string Select = """
        SELECT c.id, c.certification_required, cc.whole_unit_months, cc.main_part_months,
               c.sla_assign_hours, c.sla_on_site_hours, c.sla_complete_hours
        FROM service_contracts c JOIN contract_categories cc ON cc.contract_id = c.id
        """;
    private const string CoveringSql = Select + """

        WHERE c.manufacturer_id = @ManufacturerId AND cc.category = @Category
          AND c.valid_from <= @Day AND (c.valid_to IS NULL OR c.valid_to > @Day)
        """;
    private const string ByIdSql = Select + """

        WHERE c.id = @ContractId AND cc.category = @Category
        """;

    /// <summary>The version valid on that (store-local) day for the brand and category, if any.</summary>
    public static Task<ContractTerms?> CoveringAsync(DbConnection c, DbTransaction? tx, Guid manufacturerId, string category, DateOnly day) =>
        c.QuerySingleOrDefaultAsync<ContractTerms>(CoveringSql, new { ManufacturerId = manufacturerId, Category = category, Day = day }, tx);

    /// <summary>The terms of the version an order was created under: it keeps them after a newer version starts.</summary>
    public static Task<ContractTerms?> ByIdAsync(DbConnection c, DbTransaction? tx, Guid contractId, string category) =>
        c.QuerySingleOrDefaultAsync<ContractTerms>(ByIdSql, new { ContractId = contractId, Category = category }, tx);
}
