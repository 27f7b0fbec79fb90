namespace RepairDispatch.Api.Notifications;

public enum MessageTemplate { AppointmentConfirmed, TechnicianOnTheWay, JobDone, SlaBreached, ComplaintOpened }

/// <summary>Message texts in zh-CN and en; `{name}` placeholders are filled from the message's values.</summary>
public static class Templates
{
    private static readonly Dictionary<(MessageTemplate, string), string> Texts = new()
    {
        [(MessageTemplate.AppointmentConfirmed, "zh-CN")] = "【售后服务】您的工单{number}已预约，师傅{technician}将于{window}上门，如需改期请致电门店。",
        [(MessageTemplate.AppointmentConfirmed, "en")] = "[Service] Your order {number} is booked: {technician} will visit {window}. Call the store to change it.",
        [(MessageTemplate.TechnicianOnTheWay, "zh-CN")] = "【售后服务】师傅{technician}已出发前往您处（工单{number}），请保持电话畅通。",
        [(MessageTemplate.TechnicianOnTheWay, "en")] = "[Service] {technician} is on the way to you (order {number}). Please keep your phone at hand.",
        [(MessageTemplate.JobDone, "zh-CN")] = "【售后服务】工单{number}已完工，感谢您的配合。我们将于{callbackOn}回访，请留意来电。",
        [(MessageTemplate.JobDone, "en")] = "[Service] Order {number} is done, thank you. We will call you on {callbackOn} to ask how it went.",
        [(MessageTemplate.SlaBreached, "zh-CN")] = "【超时预警】工单{number}已超过{deadline}时限（应于{dueAt}前），请尽快处理。",
        [(MessageTemplate.SlaBreached, "en")] = "[SLA] Order {number} missed its {deadline} deadline (due {dueAt}); please act now.",
        [(MessageTemplate.ComplaintOpened, "zh-CN")] = "【投诉】客户{customer}对工单{number}不满意（评分{satisfaction}），已生成投诉，请跟进。",
        [(MessageTemplate.ComplaintOpened, "en")] = "[Complaint] {customer} is unhappy with order {number} (score {satisfaction}); a complaint was opened.",
    };

    public static IReadOnlyList<string> Languages { get; } = ["zh-CN", "en"];

    public static string Render(MessageTemplate template, string language, IReadOnlyDictionary<string, string> values)
    {
        var text = Texts[(template, Languages.Contains(language) ? language : "zh-CN")];
        foreach (var (name, value) in values) text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        return text;
    }
}
