using RepairDispatch.Api.Parts;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Payroll;

/// <summary>A pay line: for whom, why (code, the source it is for, and the text), how much. Deductions are negative.</summary>
public sealed record PayLine(Guid TechnicianId, Guid? WorkOrderId, string Code, Guid SourceId, Text Text, long AmountFen,
    string? AdjustsPeriod = null, string? AdjustsCode = null)
{
    public (Guid, string, Guid) Key => (TechnicianId, AdjustsCode ?? Code, SourceId);
}

/// <summary>
/// The pure calculation of a month (docs/payroll.md): each job at the rate of the rule version in force on its completion
/// day, split with a helper; bonuses and deductions at the amounts of the version in force on the day they happened.
/// Only lines of the store's own technicians are kept (a helper from another store is paid by his store).
/// </summary>
public static class PayCalculator
{
    public static List<PayLine> Lines(PayFacts facts, PayRuleSet rules, ISet<Guid> ours)
    {
        var lines = new List<PayLine>();
        foreach (var job in facts.Jobs) lines.AddRange(JobLines(job, rules));
        foreach (var job in facts.Jobs.Where(j => j.OnTime))
            Item(lines, rules, job.CompletedOn, job.LeadId, job.Id, PayCodes.OnTimeArrival, job.Id, Codes.Payroll.OnTime.With(job.Number), +1);
        foreach (var b in facts.FiveStars)
            Item(lines, rules, b.On, b.TechnicianId, b.WorkOrderId, PayCodes.FiveStarCallback, b.WorkOrderId!.Value, Codes.Payroll.FiveStar.With(b.Number), +1);
        foreach (var r in facts.Reworks)
            Item(lines, rules, r.On, r.TechnicianId, r.WorkOrderId, PayCodes.Rework, r.WorkOrderId, Codes.Payroll.Rework.With(r.Number, r.ReworkNumber), -1);
        foreach (var k in facts.Complaints)
            Item(lines, rules, k.On, k.TechnicianId, k.WorkOrderId, PayCodes.UpheldComplaint, k.Id,
                k.Number is { } n ? Codes.Payroll.Complaint.With(n) : Codes.Payroll.ComplaintNoOrder.With(Codes.Day(k.On)), -1);
        foreach (var p in facts.LateParts)
            Item(lines, rules, p.DueOn.AddDays(1), p.TechnicianId, p.WorkOrderId, PayCodes.OldPartLate, p.Id,
                Codes.Payroll.OldPartLate.With(p.Number, p.Tag, Codes.Day(p.DueOn)), -1);
        return lines.Where(l => ours.Contains(l.TechnicianId)).ToList();
    }

    private static IEnumerable<PayLine> JobLines(JobFact job, PayRuleSet rules)
    {
        var (type, category) = (Codes.Word(job.Type), Codes.Word(job.Category));
        var rate = rules.On(job.CompletedOn) is { } version ? PayRates.For(version.Rates, job.Type, job.Category, job.Level, job.Payer) : null;
        if (rate is null)
        {
            yield return new PayLine(job.LeadId, job.Id, PayCodes.NoRate, job.Id, Codes.Payroll.NoRate.With(job.Number, type, category), 0);
            yield break;
        }
        // Installations are paid per unit installed (the units of the sale the order installs; one when it came from no sale).
        var units = job.Type == WorkOrders.WorkOrderType.Installation ? job.Units : 1;
        var amount = rate.AmountFen * units;
        var reason = units > 1 || job.Type == WorkOrders.WorkOrderType.Installation
            ? Codes.Payroll.InstallationJob.With(job.Number, category, units, Fen.ToYuan(rate.AmountFen).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))
            : Codes.Payroll.Job.With(job.Number, type, category);
        if (job.HelperId is not { } helper)
        {
            yield return new PayLine(job.LeadId, job.Id, PayCodes.Job, job.Id, reason, amount);
            yield break;
        }
        var (lead, help) = PayRates.Split(amount, job.HelperShare);
        yield return new PayLine(job.LeadId, job.Id, PayCodes.Job, job.Id, Codes.Payroll.LeadShare.With(job.Number, type, category, 100 - job.HelperShare), lead);
        yield return new PayLine(helper, job.Id, PayCodes.HelperShare, job.Id, Codes.Payroll.HelperShare.With(job.Number, type, category, job.HelperShare), help);
    }

    // A bonus (+1) or deduction (-1) at the amount of the version in force that day; a version without the code pays nothing.
    private static void Item(List<PayLine> lines, PayRuleSet rules, DateOnly on, Guid technician, Guid? workOrder, string code, Guid source, Text text, int sign)
    {
        if (rules.On(on)?.Items.TryGetValue(code, out var fen) != true || fen == 0) return;
        lines.Add(new PayLine(technician, workOrder, code, source, text, sign * fen));
    }

    /// <summary>
    /// The adjustments a recomputed approved month needs: per line key, what it should be now minus what was paid for it
    /// (its own lines and the adjustments of it already made in later months).
    /// </summary>
    public static List<PayLine> Adjustments(string period, IEnumerable<PayLine> expected, IEnumerable<PayLine> paid)
    {
        var want = expected.GroupBy(l => l.Key).ToDictionary(g => g.Key, g => (Fen: g.Sum(l => l.AmountFen), Line: g.First()));
        var had = paid.GroupBy(l => l.Key).ToDictionary(g => g.Key, g => (Fen: g.Sum(l => l.AmountFen), Line: g.First()));
        var result = new List<PayLine>();
        foreach (var key in want.Keys.Union(had.Keys).OrderBy(k => k.Item1).ThenBy(k => k.Item2).ThenBy(k => k.Item3))
        {
            var now = want.TryGetValue(key, out var w) ? w.Fen : 0;
            var before = had.TryGetValue(key, out var h) ? h.Fen : 0;
            if (now == before) continue;
            var sample = w.Line ?? h.Line;
            result.Add(new PayLine(key.Item1, sample.WorkOrderId, PayCodes.Adjustment, key.Item3,
                Codes.Payroll.Adjustment.With(period, Codes.Payroll.Kind(key.Item2)), now - before, period, key.Item2));
        }
        return result;
    }
}
