using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Parts;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Payroll;

/// <summary>The versions of the pay rules, oldest first; the calculation reads them all (there are few).</summary>
public static class ReadPayRules
{
    private const string RulesSql = """
        SELECT id, version, valid_from, valid_to, created_at FROM payroll_rules WHERE (@Id IS NULL OR id = @Id) ORDER BY valid_from
        """;
    private const string RatesSql = """
        SELECT r.rule_id, r.type, r.category, r.level, r.payer, r.amount_fen FROM payroll_rule_rates r
        JOIN payroll_rules p ON p.id = r.rule_id WHERE (@Id IS NULL OR p.id = @Id) ORDER BY r.line_no
        """;
    private const string ItemsSql = """
        SELECT i.rule_id, i.kind, i.code, i.amount_fen FROM payroll_rule_items i
        JOIN payroll_rules p ON p.id = i.rule_id WHERE (@Id IS NULL OR p.id = @Id) ORDER BY i.code
        """;

    public static async Task<IResult> List(Db db)
    {
        await using var c = await db.OpenAsync();
        return TypedResults.Ok(new Page<PayRuleView>(await LoadAsync(c, null, null), null));
    }

    public static async Task<IResult> Get(Guid id, Db db)
    {
        await using var c = await db.OpenAsync();
        return (await LoadAsync(c, null, id)).SingleOrDefault() is { } rule ? TypedResults.Ok(rule) : Problems.NotFound(Codes.Payroll.RuleThing.With());
    }

    public static async Task<List<PayRuleView>> LoadAsync(DbConnection c, DbTransaction? tx, Guid? id)
    {
        var rules = (await c.QueryAsync<RuleRow>(RulesSql, new { Id = id }, tx)).ToList();
        var rates = (await c.QueryAsync<RateRow>(RatesSql, new { Id = id }, tx)).ToLookup(r => r.RuleId);
        var items = (await c.QueryAsync<ItemRow>(ItemsSql, new { Id = id }, tx)).ToLookup(r => r.RuleId);
        return rules.Select(r => new PayRuleView(r.Id, (int)r.Version, r.ValidFrom, r.ValidTo,
            rates[r.Id].Select(x => new PayRateView(x.Type, x.Category, x.Level, x.Payer, Fen.ToYuan(x.AmountFen))).ToArray(),
            items[r.Id].Where(x => x.Kind == "Bonus").Select(x => new PayItemView(x.Code, Fen.ToYuan(x.AmountFen))).ToArray(),
            items[r.Id].Where(x => x.Kind == "Deduction").Select(x => new PayItemView(x.Code, Fen.ToYuan(x.AmountFen))).ToArray(),
            r.CreatedAt)).ToList();
    }

    /// <summary>Every version as the calculation's pure form.</summary>
    public static async Task<PayRuleSet> RuleSetAsync(DbConnection c, DbTransaction? tx) =>
        new((await LoadAsync(c, tx, null)).Select(v => new PayRuleVersion(v.ValidFrom, v.ValidTo,
            v.Rates.Select(r => new PayRate(r.Type, r.Category, r.Level, r.Payer, Fen.FromYuan(r.Amount))).ToList(),
            v.Bonuses.Concat(v.Deductions).ToDictionary(i => i.Code, i => Fen.FromYuan(i.Amount)))).ToList());

    private sealed class RuleRow
    {
        public Guid Id { get; init; }
        public long Version { get; init; }
        public DateOnly ValidFrom { get; init; }
        public DateOnly? ValidTo { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }

    private sealed class RateRow
    {
        public Guid RuleId { get; init; }
        public WorkOrderType Type { get; init; }
        public ApplianceCategory? Category { get; init; }
        public RepairLevel? Level { get; init; }
        public Payer? Payer { get; init; }
        public long AmountFen { get; init; }
    }

    private sealed class ItemRow
    {
        public Guid RuleId { get; init; }
        public string Kind { get; init; } = "";
        public string Code { get; init; } = "";
        public long AmountFen { get; init; }
    }
}

/// <summary>A version in pure form: its days, its rates and the amounts of its bonus and deduction codes.</summary>
public sealed record PayRuleVersion(DateOnly ValidFrom, DateOnly? ValidTo, IReadOnlyList<PayRate> Rates, IReadOnlyDictionary<string, long> Items);

public sealed record PayRuleSet(IReadOnlyList<PayRuleVersion> Versions)
{
    /// <summary>The version in force on a store-local day, if any.</summary>
    public PayRuleVersion? On(DateOnly day) => Versions.LastOrDefault(v => v.ValidFrom <= day && (v.ValidTo is null || day < v.ValidTo));
}
