using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Parts;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Payroll;

/// <summary>
/// A new version of the chain's pay rules, like a contract's next version: it starts after the latest one, which then
/// ends where it starts. A version may start inside an approved month: the difference it makes there becomes an
/// adjustment of the next open month when that month is calculated (docs/payroll.md).
/// </summary>
public static class CreatePayRule
{
    private const string LatestSql = "SELECT id, version, valid_from FROM payroll_rules WHERE valid_to IS NULL";
    private const string EndLatestSql = "UPDATE payroll_rules SET valid_to = @ValidTo WHERE id = @Id";
    private const string InsertSql = """
        INSERT INTO payroll_rules (id, version, valid_from, valid_to, created_by_user_id, created_at)
        VALUES (@Id, @Version, @ValidFrom, NULL, @CreatedBy, @CreatedAt)
        """;
    private const string InsertRateSql = """
        INSERT INTO payroll_rule_rates (rule_id, line_no, type, category, level, payer, amount_fen)
        VALUES (@RuleId, @LineNo, @Type, @Category, @Level, @Payer, @AmountFen)
        """;
    private const string InsertItemSql = "INSERT INTO payroll_rule_items (rule_id, kind, code, amount_fen) VALUES (@RuleId, @Kind, @Code, @AmountFen)";

    private sealed record Latest(Guid Id, long Version, DateOnly ValidFrom);

    public static async Task<IResult> Handle(PayRuleRequest request, HttpContext http, Db db, TimeProvider clock)
    {
        var me = http.Me();
        if (me.StoreId is not null) return Problems.Forbidden(Codes.Payroll.HeadquartersOnly);
        if (Check(request) is { } invalid) return invalid;
        var validFrom = request.ValidFrom!.Value;
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var latest = await c.QuerySingleOrDefaultAsync<Latest>(LatestSql, transaction: tx);
            if (latest is not null && validFrom <= latest.ValidFrom)
                return Problems.Validation("validFrom", Codes.Payroll.NotLater.With(Codes.Day(latest.ValidFrom)));
            if (latest is not null) await c.ExecuteAsync(EndLatestSql, new { latest.Id, ValidTo = validFrom }, tx);
            var id = Guid.CreateVersion7();
            var version = (int)(latest?.Version ?? 0) + 1;
            var now = clock.GetUtcNow();
            await c.ExecuteAsync(InsertSql, new { Id = id, Version = version, ValidFrom = validFrom, CreatedBy = me.Id, CreatedAt = now }, tx);
            for (var i = 0; i < request.Rates.Length; i++)
            {
                var r = request.Rates[i];
                await c.ExecuteAsync(InsertRateSql, new
                {
                    RuleId = id, LineNo = i + 1, Type = r.Type!.Value.ToString(), Category = r.Category?.ToString(), Level = r.Level?.ToString(),
                    Payer = r.Payer?.ToString(), AmountFen = Fen.FromYuan(r.Amount!.Value),
                }, tx);
            }
            foreach (var (kind, items) in new[] { ("Bonus", request.Bonuses), ("Deduction", request.Deductions) })
                foreach (var item in items ?? [])
                    await c.ExecuteAsync(InsertItemSql, new { RuleId = id, Kind = kind, item.Code, AmountFen = Fen.FromYuan(item.Amount!.Value) }, tx);
            var view = (await ReadPayRules.LoadAsync(c, tx, id)).Single();
            return TypedResults.Created($"/api/v1/payroll/rules/{id}", view);
        });
    }

    /// <summary>Each rate once per (type, category, level, payer); known codes once each; amounts to the fen.</summary>
    public static IResult? Check(PayRuleRequest r)
    {
        if (r.Rates.Length == 0) return Problems.Validation("rates", Codes.Payroll.NoRates);
        for (var i = 0; i < r.Rates.Length; i++)
        {
            var rate = r.Rates[i];
            if (!Fen.HasAtMostTwoDecimals(rate.Amount!.Value)) return Problems.Validation($"rates[{i}].amount", Codes.Payroll.WholeFen);
            if (r.Rates.Take(i).Any(o => (o.Type, o.Category, o.Level, o.Payer) == (rate.Type, rate.Category, rate.Level, rate.Payer)))
                return Problems.Validation($"rates[{i}]", Codes.Payroll.DuplicateRate);
        }
        return CheckItems("bonuses", r.Bonuses, PayCodes.Bonuses, Codes.Payroll.UnknownBonus)
            ?? CheckItems("deductions", r.Deductions, PayCodes.Deductions, Codes.Payroll.UnknownDeduction);
    }

    private static IResult? CheckItems(string field, PayItemInput[]? items, string[] known, Code unknown)
    {
        items ??= [];
        for (var i = 0; i < items.Length; i++)
        {
            if (!known.Contains(items[i].Code)) return Problems.Validation($"{field}[{i}].code", unknown.With(string.Join(", ", known)));
            if (items.Take(i).Any(o => o.Code == items[i].Code)) return Problems.Validation($"{field}[{i}].code", Codes.Payroll.CodeTwice);
            if (!Fen.HasAtMostTwoDecimals(items[i].Amount!.Value)) return Problems.Validation($"{field}[{i}].amount", Codes.Payroll.WholeFen);
        }
        return null;
    }
}
