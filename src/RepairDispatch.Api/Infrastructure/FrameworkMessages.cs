using System.Text.RegularExpressions;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>
/// The built-in request validation (DataAnnotations) writes English sentences keyed by C# names. This turns them
/// into our codes, rendered in the caller's language, under the JSON field names clients send (camelCase).
/// </summary>
internal static partial class FrameworkMessages
{
    public static void Localize(HttpValidationProblemDetails validation)
    {
        // Our own validation problems carry their codes already; only the framework's need them.
        var codes = validation.Extensions.ContainsKey("errorCodes") ? null : new Dictionary<string, Text[]>();
        var errors = validation.Errors.ToDictionary(e => CamelPath(e.Key), e => e.Value);
        validation.Errors.Clear();
        foreach (var (key, messages) in errors)
        {
            if (codes is null) { validation.Errors[key] = messages; continue; }
            var texts = messages.Select(ToText).ToArray();
            codes[key] = texts;
            validation.Errors[key] = texts.Select(t => t.Render()).ToArray();
        }
        if (codes is not null) validation.Extensions["errorCodes"] = codes;
    }

    private static Text ToText(string message)
    {
        if (Required().IsMatch(message)) return Codes.Refusal.FieldRequired;
        var (min, max) = (MinLength().Match(message), MaxLength().Match(message));
        if (min.Success && max.Success) return Codes.Refusal.FieldLength.With(int.Parse(min.Groups[1].Value), int.Parse(max.Groups[1].Value));
        if (max.Success) return Codes.Refusal.FieldMaxLength.With(int.Parse(max.Groups[1].Value));
        if (min.Success) return Codes.Refusal.FieldMinLength.With(int.Parse(min.Groups[1].Value));
        if (Range().Match(message) is { Success: true } range) return Codes.Refusal.FieldRange.With(range.Groups[1].Value, range.Groups[2].Value);
        if (message.Contains("regular expression", StringComparison.Ordinal)) return Codes.Refusal.FieldPattern;
        if (message.Contains("allowed", StringComparison.Ordinal)) return Codes.Refusal.FieldNotAllowed;
        return Codes.Legacy.With(message);
    }

    private static string CamelPath(string key) => string.Join('.', key.Split('.').Select(part =>
        part.Length == 0 || char.IsLower(part[0]) ? part : char.ToLowerInvariant(part[0]) + part[1..]));

    [GeneratedRegex(@"field is required\.$")] private static partial Regex Required();
    [GeneratedRegex(@"maximum length of '?(\d+)'?")] private static partial Regex MaxLength();
    [GeneratedRegex(@"minimum length of '?(\d+)'?")] private static partial Regex MinLength();
    [GeneratedRegex(@"must be between (\S+) and (\S+?)\.$")] private static partial Regex Range();
}
