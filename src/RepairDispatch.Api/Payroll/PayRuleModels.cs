using System.ComponentModel.DataAnnotations;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Payroll;

public sealed record PayRateInput(
    [property: Required] WorkOrderType? Type,
    ApplianceCategory? Category,
    RepairLevel? Level,
    Payer? Payer,
    [property: Required, Range(typeof(decimal), "0", "100000")] decimal? Amount);

public sealed record PayItemInput(
    [property: Required, StringLength(32, MinimumLength = 1)] string Code,
    [property: Required, Range(typeof(decimal), "0", "100000")] decimal? Amount);

/// <summary>A version of the pay rules, in force from `validFrom` (a store-local day) until the next version starts.</summary>
public sealed record PayRuleRequest(
    [property: Required] DateOnly? ValidFrom,
    [property: Required, MaxLength(200)] PayRateInput[] Rates,
    [property: MaxLength(10)] PayItemInput[]? Bonuses,
    [property: MaxLength(10)] PayItemInput[]? Deductions);

public sealed record PayRateView(WorkOrderType Type, ApplianceCategory? Category, RepairLevel? Level, Payer? Payer, decimal Amount);
public sealed record PayItemView(string Code, decimal Amount);

public sealed record PayRuleView(Guid Id, int Version, DateOnly ValidFrom, DateOnly? ValidTo, PayRateView[] Rates, PayItemView[] Bonuses,
    PayItemView[] Deductions, DateTimeOffset CreatedAt);

/// <summary>The codes of pay lines. Bonuses and deductions are the codes a rule version may give an amount.</summary>
public static class PayCodes
{
    public const string Job = "Job";
    public const string HelperShare = "HelperShare";
    public const string NoRate = "NoRate";
    public const string FiveStarCallback = "FiveStarCallback";
    public const string OnTimeArrival = "OnTimeArrival";
    public const string Rework = "Rework";
    public const string UpheldComplaint = "UpheldComplaint";
    public const string OldPartLate = "OldPartLate";
    public const string Adjustment = "Adjustment";

    public static readonly string[] Bonuses = [FiveStarCallback, OnTimeArrival];
    public static readonly string[] Deductions = [Rework, UpheldComplaint, OldPartLate];
    public static readonly string[] All = [Job, HelperShare, NoRate, FiveStarCallback, OnTimeArrival, Rework, UpheldComplaint, OldPartLate, Adjustment];
}
