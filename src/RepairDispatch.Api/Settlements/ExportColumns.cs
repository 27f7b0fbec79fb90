using System.Globalization;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Settlements;

/// <summary>
/// The export's headers, labels and line descriptions in English or Chinese (lang=en|zh), from the same texts as the
/// API's (Texts/*.resx). English keeps the kinds and statuses as their codes.
/// </summary>
internal sealed record ExportColumns(CultureInfo Culture, bool WordsForCodes)
{
    public static readonly ExportColumns En = new(Localization.English, WordsForCodes: false);
    public static readonly ExportColumns Zh = new(Localization.Chinese, WordsForCodes: true);

    private string Say(string code) => Text.Of(code).Render(Culture);

    public string Line => Say("export.line");
    public string WorkOrder => Say("export.work-order");
    public string Kind => Say("export.kind");
    public string Description => Say("export.description");
    public string Amount => Say("export.amount");
    public string Disputed => Say("export.disputed");
    public string DisputeReason => Say("export.dispute-reason");
    public string Total => Say("export.total");
    public string Run => Say("export.run");
    public string Party => Say("export.party");
    public string Period => Say("export.period");
    public string Status => Say("export.status");
    public string LineCount => Say("export.line-count");
    public string Store => Say("export.store");
    public string Subtotal => Say("export.subtotal");
    public string ChainLines => Say("export.chain-lines");

    public static readonly IReadOnlyList<string> LineKinds =
        ["RepairFee", "InstallationFee", "PartsAtCost", "CallbackFee", "Labour", "OnSiteFee", "Part", "PartnerPayout", "ManagementFee", "Adjustment"];

    /// <summary>A line kind or run status in the export's language (an unknown code stays as it is).</summary>
    public string Label(string code) =>
        !WordsForCodes ? code
        : LineKinds.Contains(code) ? Say("line-kind." + code)
        : Enum.TryParse<RunStatus>(code, out var status) ? Codes.Word(status).Render(Culture)
        : code;

    public string YesNo(bool value) => Say(value ? "export.yes" : "export.no");

    public static ExportColumns? For(string? lang) => (lang ?? "en").ToLowerInvariant() switch
    {
        "en" => En,
        "zh" or "zh-cn" or "zh-hans" => Zh,
        _ => null,
    };

    public string[] LineHeaders => [Line, WorkOrder, Kind, Description, Amount, Disputed, DisputeReason, Store];

    public string[] SummaryHeaders => [Run, Party, Period, Status, LineCount, Amount];
}
