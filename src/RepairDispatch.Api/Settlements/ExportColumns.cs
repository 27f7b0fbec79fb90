namespace RepairDispatch.Api.Settlements;

/// <summary>The export's column headers and labels, in English or Chinese (lang=en|zh); English keeps the codes.</summary>
internal sealed record ExportColumns(
    string Line, string WorkOrder, string Kind, string Description, string Amount, string Disputed, string DisputeReason, string Total,
    string Run, string Party, string Period, string Status, string LineCount, IReadOnlyDictionary<string, string>? Labels = null)
{
    public static readonly ExportColumns En = new(
        "Line", "Work order", "Kind", "Description", "Amount (CNY)", "Disputed", "Dispute reason", "Total",
        "Run", "Party", "Period", "Status", "Lines");

    public static readonly ExportColumns Zh = new(
        "行号", "工单号", "类型", "说明", "金额(元)", "有争议", "争议原因", "合计",
        "结算单号", "结算方", "期间", "状态", "行数", new Dictionary<string, string>
        {
            ["RepairFee"] = "维修费", ["InstallationFee"] = "安装费", ["PartsAtCost"] = "配件费(成本价)", ["CallbackFee"] = "回访费",
            ["Labour"] = "人工费", ["OnSiteFee"] = "上门费", ["Parts"] = "配件费", ["PartnerPayout"] = "网点结算", ["ManagementFee"] = "管理费",
            ["Adjustment"] = "调整", ["true"] = "是", ["false"] = "否",
            ["Draft"] = "草稿", ["Submitted"] = "已提交", ["Approved"] = "已审核", ["Disputed"] = "有争议", ["Paid"] = "已付款",
        });

    /// <summary>A kind or status in the export's language (an unknown code stays as it is).</summary>
    public string Label(string code) => Labels?.GetValueOrDefault(code) ?? code;

    public string YesNo(bool value) => Label(value ? "true" : "false");

    public static ExportColumns? For(string? lang) => (lang ?? "en").ToLowerInvariant() switch
    {
        "en" => En,
        "zh" or "zh-cn" or "zh-hans" => Zh,
        _ => null,
    };

    public string[] LineHeaders => [Line, WorkOrder, Kind, Description, Amount, Disputed, DisputeReason];

    public string[] SummaryHeaders => [Run, Party, Period, Status, LineCount, Amount];
}
