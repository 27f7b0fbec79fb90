using System.Globalization;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Notifications;

public enum MessageTemplate { AppointmentConfirmed, TechnicianOnTheWay, JobDone, SlaBreached, ComplaintOpened, VerificationCode }

/// <summary>
/// Message texts in zh-CN and en, from the same resource files as the API's texts (`message.{template}`); `{name}`
/// placeholders are filled from the message's values (a value that is a text is rendered in the message's language).
/// </summary>
public static class Templates
{
    public static IReadOnlyList<string> Languages { get; } = ["zh-CN", "en"];

    public static string Render(MessageTemplate template, string language, IReadOnlyDictionary<string, object?> values) =>
        new Text("message." + template, values).Render(CultureInfo.GetCultureInfo(Languages.Contains(language) ? language : "zh-CN"));
}
