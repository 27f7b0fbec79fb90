using RepairDispatch.Api.Customers;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Texts;

/// <summary>
/// The catalog of text codes and their argument names. Texts/Texts.resx (en) and Texts.zh-CN.resx hold a text for
/// every code with exactly these placeholders (a test checks). Codes are stable: clients may switch on them.
/// </summary>
public static partial class Codes
{
    /// <summary>A sentence stored before texts had codes, kept as it was written.</summary>
    public static readonly Code Legacy = new("text.legacy", "text");

    public static class Warranty
    {
        public static readonly Code NoPurchaseDate = new("warranty.no-purchase-date");
        public static readonly Code WholeUnitContract = new("warranty.whole-unit.contract", "months", "boughtOn", "coveredThrough", "manufacturer", "category");
        public static readonly Code WholeUnitNoContract = new("warranty.whole-unit.no-contract", "months", "boughtOn", "coveredThrough", "manufacturer", "category");
        public static readonly Code MainPartContract = new("warranty.main-part.contract", "boughtOn", "wholeUnitEnded", "mainPartsThrough", "manufacturer", "category");
        public static readonly Code MainPartNoContract = new("warranty.main-part.no-contract", "boughtOn", "wholeUnitEnded", "mainPartsThrough", "manufacturer", "category");
        public static readonly Code NotMainPart = new("warranty.not-main-part", "boughtOn", "wholeUnitEnded", "mainPartsThrough");
        public static readonly Code Provisional = new("warranty.provisional", "boughtOn", "wholeUnitEnded", "mainPartsThrough");
        public static readonly Code Expired = new("warranty.expired", "boughtOn", "wholeUnitEnded", "mainPartsThrough");
        public static readonly Code Override = new("warranty.override", "reason");
    }

    /// <summary>The enums whose values are words in texts (`category.WashingMachine`): each value needs a text.</summary>
    public static readonly IReadOnlyDictionary<Type, string> WordPrefixes = new Dictionary<Type, string>
    {
        [typeof(ApplianceCategory)] = "category",
        [typeof(WorkOrderStatus)] = "status",
        [typeof(Payer)] = "payer",
        [typeof(WorkOrderAction)] = "action",
        [typeof(Callbacks.CallbackStatus)] = "callback-status",
        [typeof(Complaints.ComplaintStatus)] = "complaint-status",
        [typeof(Dispatch.PlanStatus)] = "plan-status",
        [typeof(Settlements.RunStatus)] = "run-status",
        [typeof(DayOfWeek)] = "weekday",
        [typeof(Settlements.PaymentMethod)] = "payment-method",
        [typeof(RepairLevel)] = "repair-level",
        [typeof(WorkOrderType)] = "type",
        [typeof(Callbacks.CallbackKind)] = "callback-kind",
        [typeof(OldParts.OldPartStatus)] = "old-part-status",
        [typeof(OldParts.ReturnStatus)] = "return-status",
        [typeof(Photos.PhotoKind)] = "photo-kind",
        [typeof(Claims.ClaimState)] = "claim-state",
        [typeof(Api.Stock.PartsRequestStatus)] = "parts-request-status",
    };

    /// <summary>Words that are not enum values: the actions of a settlement run.</summary>
    public static readonly IReadOnlyList<string> RunActions = ["submit", "approve", "dispute", "pay"];

    public static Text RunAction(string action) => Text.Of("run-action." + action);

    /// <summary>An enum value as a word of the caller's language.</summary>
    public static Text Word<T>(T value) where T : struct, Enum => Text.Of($"{WordPrefixes[typeof(T)]}.{value}");

    /// <summary>A category as stored (its enum name) as a word.</summary>
    public static Text Category(string stored) => Word(Enum.Parse<ApplianceCategory>(stored));

    /// <summary>A date in texts: ISO, the same in every language.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
