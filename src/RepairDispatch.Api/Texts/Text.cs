using System.Globalization;
using System.Resources;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RepairDispatch.Api.Texts;

/// <summary>
/// A text for people as a stable code with named arguments (`{code, args}` in JSON). It is rendered on read in the
/// caller's language (the request's UI culture, chosen from Accept-Language); the code and arguments never change with it.
/// An argument that is itself a text (a category, a status) is rendered in the same language.
/// </summary>
public sealed partial record Text(string Code, IReadOnlyDictionary<string, object?> Args)
{
    private static readonly ResourceManager Resources = new("RepairDispatch.Api.Texts.Texts", typeof(Text).Assembly);
    private static readonly JsonSerializerOptions StoreJson = new(JsonSerializerDefaults.Web);
    private static readonly IReadOnlyDictionary<string, object?> NoArgs = new Dictionary<string, object?>();

    public static Text Of(string code) => new(code, NoArgs);

    /// <summary>The text in the current request's language (zh-CN unless the caller asked for en).</summary>
    public string Render() => Render(CultureInfo.CurrentUICulture);

    public string Render(CultureInfo culture)
    {
        var template = Template(Code, culture) ?? Code;
        return Placeholder().Replace(template, m => Args.TryGetValue(m.Groups[1].Value, out var value) ? Format(value, culture) : m.Value);
    }

    public override string ToString() => Render();

    /// <summary>The resource text of a code, or null when the catalog has none (then the code itself is shown).</summary>
    public static string? Template(string code, CultureInfo culture) => Resources.GetString(code, culture);

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    public static partial Regex Placeholder();

    private static string Format(object? value, CultureInfo culture) => value switch
    {
        null => "",
        Text text => text.Render(culture),
        JsonElement { ValueKind: JsonValueKind.Object } e when e.TryGetProperty("code", out _) => FromJson(e).Render(culture),
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString() ?? "",
        JsonElement { ValueKind: JsonValueKind.Array } e => List(e.EnumerateArray().Select(x => Format(x, culture)), culture),
        JsonElement e => e.GetRawText(),
        IEnumerable<Text> texts => List(texts.Select(t => t.Render(culture)), culture),
        IEnumerable<string> words => List(words, culture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string List(IEnumerable<string> items, CultureInfo culture) => string.Join(Template("text.separator", culture) ?? ", ", items);

    /// <summary>The arguments as stored beside the code (JSON); null when there are none.</summary>
    public string? StoredArgs() => Args.Count == 0 ? null : JsonSerializer.Serialize(Args, StoreJson);

    /// <summary>A text read back from its stored code and arguments.</summary>
    public static Text Stored(string code, string? argsJson) =>
        string.IsNullOrEmpty(argsJson) ? Of(code) : new(code, JsonSerializer.Deserialize<Dictionary<string, object?>>(argsJson, StoreJson) ?? []);

    /// <summary>
    /// A text stored either as code + arguments (the system's) or as people's own words in a plain column (an
    /// adjustment's description, a cancel reason, or a sentence stored before texts had codes).
    /// </summary>
    public static Text? StoredOrSaid(string? code, string? argsJson, string? words) =>
        code is not null ? Stored(code, argsJson) : string.IsNullOrEmpty(words) ? null : Codes.Said.With(words);

    private static Text FromJson(JsonElement e) => Stored(e.GetProperty("code").GetString() ?? "",
        e.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Object ? args.GetRawText() : null);
}

/// <summary>A code of the catalog with the names of its arguments, in order.</summary>
public sealed record Code(string Name, params string[] ArgNames)
{
    /// <remarks>A list argument must be a list, not an array (an array would be taken as the arguments themselves).</remarks>
    public Text With(params object?[] values)
    {
        if (values.Length != ArgNames.Length)
            throw new ArgumentException($"{Name} takes {ArgNames.Length} argument(s), got {values.Length}.", nameof(values));
        return new Text(Name, ArgNames.Zip(values).ToDictionary(p => p.First, p => p.Second));
    }

    public static implicit operator Text(Code code) => code.With();
}
