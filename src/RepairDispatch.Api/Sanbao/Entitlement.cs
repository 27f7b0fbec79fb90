using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Sanbao;

/// <summary>What the customer is owed, weakest first: a stronger remedy includes the weaker ones (a return may be an exchange or a repair).</summary>
public enum SanbaoEntitlement { None, RepairOnly, Exchange, Return }

public enum ExclusionKind { Misuse, UnauthorisedRepair, NoProofOfPurchase, CommercialUse }

/// <param name="FaultKey">Which fault this repair was for (docs/sanbao.md, "same fault"); null when nobody said.</param>
/// <param name="DaysWaitingForParts">Days in AwaitingParts: the producer's parts.</param>
public sealed record SanbaoRepair(string? FaultKey, bool Completed, bool InWarranty, int DaysInRepair, int DaysWaitingForParts)
{
    /// <summary>The rest of the days in repair are the repairer's own (travel, appointments, its own stock).</summary>
    public int RepairerDays => DaysInRepair - DaysWaitingForParts;
}

/// <param name="FailureOn">The day the failure was reported (the earliest open repair); null: it is reported today.</param>
public sealed record SanbaoFacts(
    DateOnly? InvoiceDate, DateOnly? FailureOn, int WarrantyMonths, IReadOnlyList<SanbaoRepair> Repairs,
    IReadOnlyList<ExclusionKind> Exclusions, int Exchanges, bool Retired);

public sealed record EntitlementAnswer(
    SanbaoEntitlement Entitlement, DateOnly? Until, IReadOnlyList<Text> Reasons,
    int RepairsForSameFault, int DaysInRepair, int DaysWaitingForParts);

/// <summary>
/// The three guarantees (三包) on one appliance on one day. Periods count from the day after the invoice (Civil Code
/// art. 201: the first day is not counted): "within 7 days" of an invoice of 1 March is through 8 March.
/// </summary>
public static class Entitlement
{
    public const int ReturnDays = 7;
    public const int ExchangeDays = 15;
    public const int RepairsBeforeExchange = 2;
    public const int PartsWaitDays = 90;
    public const int RepairerDelayDays = 30;

    private sealed record Grant(SanbaoEntitlement Level, DateOnly? Until, Text Why);

    public static EntitlementAnswer Decide(SanbaoFacts f, DateOnly today)
    {
        var inWarranty = f.Repairs.Where(r => r.InWarranty).ToList();
        var daysInRepair = inWarranty.Sum(r => r.DaysInRepair);
        var waiting = inWarranty.Sum(r => r.DaysWaitingForParts);
        var sameFault = f.Repairs.Where(r => r.Completed && r.InWarranty && r.FaultKey is not null)
            .GroupBy(r => r.FaultKey!).Select(g => (Fault: g.Key, Count: g.Count())).OrderByDescending(g => g.Count).FirstOrDefault();
        EntitlementAnswer Answer(SanbaoEntitlement level, DateOnly? until, IReadOnlyList<Text> why) =>
            new(level, until, why, sameFault.Count, daysInRepair, waiting);

        if (f.Retired) return Answer(SanbaoEntitlement.None, null, [Codes.Sanbao.Retired]);
        var excluded = f.Exclusions.Distinct().Select(k => Codes.Sanbao.Excluded.With(Codes.Sanbao.Word(k))).ToList();
        if (f.InvoiceDate is null) excluded.Insert(0, Codes.Sanbao.NoInvoice);
        if (excluded.Count > 0) return Answer(SanbaoEntitlement.None, null, excluded);
        var invoice = f.InvoiceDate!.Value;

        var failure = f.FailureOn ?? today;
        var warrantyEnd = invoice.AddMonths(f.WarrantyMonths).AddDays(daysInRepair - 1);
        var grants = new List<Grant>();
        if (failure <= invoice.AddDays(ReturnDays))
            grants.Add(new(SanbaoEntitlement.Return, invoice.AddDays(ReturnDays), Codes.Sanbao.Return7.With(Codes.Day(invoice), Codes.Day(invoice.AddDays(ReturnDays)))));
        else if (failure <= invoice.AddDays(ExchangeDays))
            grants.Add(new(SanbaoEntitlement.Exchange, invoice.AddDays(ExchangeDays), Codes.Sanbao.Exchange15.With(Codes.Day(invoice), Codes.Day(invoice.AddDays(ExchangeDays)))));
        if (failure <= warrantyEnd && sameFault.Count >= RepairsBeforeExchange)
            grants.Add(new(SanbaoEntitlement.Return, warrantyEnd, Codes.Sanbao.SameFault.With(sameFault.Fault, sameFault.Count, Codes.Day(warrantyEnd))));
        if (inWarranty.Where(r => r.DaysWaitingForParts > PartsWaitDays).MaxBy(r => r.DaysWaitingForParts) is { } stuck)
            grants.Add(new(SanbaoEntitlement.Exchange, null, Codes.Sanbao.PartsWait.With(stuck.DaysWaitingForParts, PartsWaitDays)));
        if (inWarranty.Where(r => r.RepairerDays > RepairerDelayDays).MaxBy(r => r.RepairerDays) is { } late)
            grants.Add(new(SanbaoEntitlement.Exchange, null, Codes.Sanbao.RepairerDelay.With(late.RepairerDays, RepairerDelayDays)));
        if (failure <= warrantyEnd)
            grants.Add(new(SanbaoEntitlement.RepairOnly, warrantyEnd, Codes.Sanbao.RepairOnly.With(Codes.Day(warrantyEnd))));

        var extended = daysInRepair > 0 ? new[] { Codes.Sanbao.Extended.With(daysInRepair) } : [];
        if (f.Exchanges > 0) extended = [.. extended, Codes.Sanbao.Restarted.With(f.Exchanges, Codes.Day(invoice))];
        if (grants.Count == 0) return Answer(SanbaoEntitlement.None, null, [Codes.Sanbao.Expired.With(Codes.Day(warrantyEnd)), .. extended]);

        var level = grants.Max(g => g.Level);
        var winners = grants.Where(g => g.Level == level).ToList();
        // A stuck repair's exchange has no end date; otherwise the latest end of the rules that give this remedy.
        var until = winners.Any(g => g.Until is null) ? null : winners.Max(g => g.Until);
        return Answer(level, until, [.. grants.Select(g => g.Why), .. extended]);
    }
}
