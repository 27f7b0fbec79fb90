namespace RepairDispatch.Api.Settlements;

/// <summary>The export's column headers and labels, in English or Chinese (lang=en|zh).</summary>
internal sealed record ExportColumns(
    string Line, string WorkOrder, string Kind, string Description, string Amount, string Disputed, string DisputeReason, string Total,
    string Run, string Party, string Period, string Status, string LineCount)
{
    public static readonly ExportColumns En = new(
        "Line", "Work order", "Kind", "Description", "Amount (CNY)", "Disputed", "Dispute reason", "Total",
        "Run", "Party", "Period", "Status", "Lines");

    public static readonly ExportColumns Zh = new(
        "行号", "工单号", "类型", "说明", "金额(元)", "有争议", "争议原因", "合计",
        "结算单号", "结算方", "期间", "状态", "行数");

    public static ExportColumns? For(string? lang) => (lang ?? "en").ToLowerInvariant() switch
    {
        "en" => En,
        "zh" or "zh-cn" or "zh-hans" => Zh,
        _ => null,
    };

    public string[] LineHeaders => [Line, WorkOrder, Kind, Description, Amount, Disputed, DisputeReason];

    public string[] SummaryHeaders => [Run, Party, Period, Status, LineCount, Amount];
}
