using RepairDispatch.Api.Customers;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Payroll;

/// <summary>An amount per job of a type; a null category, level or payer matches any.</summary>
public sealed record PayRate(WorkOrderType Type, ApplianceCategory? Category, RepairLevel? Level, Payer? Payer, long AmountFen)
{
    /// <summary>
    /// How specific the rate is: category 4, repair level 2, payer 1, added up. Every combination has its own score, so
    /// of the rates that match a job exactly one wins: a category beats level and payer together, a level beats a payer.
    /// </summary>
    public int Specificity => (Category is null ? 0 : 4) + (Level is null ? 0 : 2) + (Payer is null ? 0 : 1);

    public bool Matches(WorkOrderType type, ApplianceCategory category, RepairLevel? level, Payer payer) =>
        Type == type && (Category is null || Category == category) && (Level is null || Level == level) && (Payer is null || Payer == payer);
}

/// <summary>The pure rules of pay: which rate a job earns and how a shared job splits to the fen.</summary>
public static class PayRates
{
    /// <summary>The most specific rate matching the job, or null when none does.</summary>
    public static PayRate? For(IEnumerable<PayRate> rates, WorkOrderType type, ApplianceCategory category, RepairLevel? level, Payer payer) =>
        rates.Where(r => r.Matches(type, category, level, payer)).MaxBy(r => r.Specificity);

    /// <summary>
    /// A job shared by a lead and a helper: the lead's line is his share rounded half-up to the fen, the helper's is the
    /// rest, so the two lines always add up to the job. Both lines are their share rounded half-up, except when both
    /// shares end in exactly half a fen (1.01 at 50/50, 10.05 at 70/30): then the odd fen goes to the lead technician.
    /// </summary>
    public static (long Lead, long Helper) Split(long jobFen, int helperPercent)
    {
        var lead = (long)decimal.Round(jobFen * (100 - helperPercent) / 100m, 0, MidpointRounding.AwayFromZero);
        return (lead, jobFen - lead);
    }
}
