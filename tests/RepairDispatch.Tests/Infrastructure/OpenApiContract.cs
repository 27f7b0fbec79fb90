using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace RepairDispatch.Tests.Infrastructure;

/// <summary>
/// The served OpenAPI document as a checker: finds the operation of a request by method and path template and
/// validates JSON bodies against its schemas with JsonSchema.Net (JSON Schema 2020-12, the dialect of OpenAPI 3.1).
/// Component schemas become the <c>$defs</c> of one registered root, so every body schema refers into it.
/// </summary>
public sealed class OpenApiContract
{
    private const string Root = "urn:repairdispatch:openapi";
    private static readonly ConcurrentDictionary<string, OpenApiContract> ByDocument = new();
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List };

    private readonly List<(string Method, Regex Path, string Template, JsonObject Operation)> _operations = [];
    private readonly Dictionary<string, JsonSchema> _schemas = new();
    private readonly Lock _gate = new();
    private readonly BuildOptions _build = new() { SchemaRegistry = new SchemaRegistry() };

    private OpenApiContract(string documentText)
    {
        var document = JsonNode.Parse(documentText.Replace("\"#/components/schemas/", $"\"{Root}#/$defs/"))!.AsObject();
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = Root,
            ["$defs"] = document["components"]?["schemas"]?.DeepClone() ?? new JsonObject(),
        };
        JsonSchema.FromText(root.ToJsonString(), _build, new Uri(Root));
        foreach (var (template, item) in document["paths"]!.AsObject())
        foreach (var (method, operation) in item!.AsObject())
        {
            if (operation is not JsonObject op || op["responses"] is null) continue;
            var pattern = "^" + Regex.Replace(Regex.Escape(template), @"\\\{[^/]+?}", "[^/]+") + "/?$";
            _operations.Add((method.ToUpperInvariant(), new Regex(pattern), template, op));
        }
        // A literal segment wins over a parameter (/work-orders/search before /work-orders/{id}).
        _operations.Sort((a, b) => a.Template.Count(c => c == '{').CompareTo(b.Template.Count(c => c == '{')));
    }

    public static OpenApiContract For(string documentText) => ByDocument.GetOrAdd(documentText, text => new OpenApiContract(text));

    /// <summary>The violations of one exchange (empty when it matches the document).</summary>
    public IReadOnlyList<string> Check(HttpMethod method, string path, string? requestType, string? requestBody,
        int status, MediaTypeHeaderValue? responseType, string responseBody, string query = "")
    {
        var where = $"{method} {path} → {status}";
        if (!path.StartsWith("/api/", StringComparison.Ordinal)) return []; // the console, health and docs pages are not the API
        var found = _operations.FirstOrDefault(o => o.Method == method.Method && o.Path.IsMatch(path));
        if (found.Operation is null)
            return status is 404 or 405 ? [] : [$"{where}: no operation in the document matches {method} {path}"];
        var violations = new List<string>();
        var at = $"{method} {found.Template} → {status}";
        var responses = found.Operation["responses"]!.AsObject();
        var response = responses[status.ToString()] ?? responses[$"{status / 100}XX"] ?? responses["default"];
        if (response is null)
            violations.Add($"{at}: status {status} is not declared (declared: {string.Join(", ", responses.Select(r => r.Key))})");
        else if (responseBody.Length > 0)
            violations.AddRange(CheckBody(at, "response", response["content"] as JsonObject, responseType?.MediaType, responseBody));
        if (status is >= 200 and < 300 && requestBody is { Length: > 0 })
            violations.AddRange(CheckBody(at, "request", found.Operation["requestBody"]?["content"] as JsonObject, requestType, requestBody));
        if (status is >= 200 and < 300) violations.AddRange(CheckQuery(at, found.Operation, query));
        return violations;
    }

    /// <summary>An accepted request's query: every parameter declared, every required one sent, numbers and booleans as typed.</summary>
    private static IEnumerable<string> CheckQuery(string at, JsonObject operation, string query)
    {
        var declared = (operation["parameters"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(p => p["in"]?.GetValue<string>() == "query").ToDictionary(p => p["name"]!.GetValue<string>());
        var sent = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        foreach (var (name, values) in sent)
        {
            if (!declared.TryGetValue(name, out var parameter))
            {
                yield return $"{at}: query parameter '{name}' is not declared (declared: {string.Join(", ", declared.Keys)})";
                continue;
            }
            var types = parameter["schema"]?["type"] switch
            {
                JsonArray many => many.Select(t => t!.GetValue<string>()).ToArray(),
                JsonValue one => [one.GetValue<string>()],
                _ => [],
            };
            foreach (var value in values.OfType<string>())
                if (!Fits(types, value)) yield return $"{at}: query parameter '{name}' = '{value}' is not of type {string.Join("|", types)}";
        }
        foreach (var (name, parameter) in declared)
            if (parameter["required"]?.GetValue<bool>() == true && !sent.ContainsKey(name))
                yield return $"{at}: required query parameter '{name}' was not sent, yet the request was accepted";
    }

    private static bool Fits(string[] types, string value) =>
        types.Length == 0 || types.Contains("string")
        || types.Contains("integer") && long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _)
        || types.Contains("number") && decimal.TryParse(value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _)
        || types.Contains("boolean") && bool.TryParse(value, out _);

    private IEnumerable<string> CheckBody(string at, string which, JsonObject? content, string? mediaType, string body)
    {
        if (content is null || mediaType is null)
        {
            yield return $"{at}: the {which} has a {mediaType ?? "typeless"} body but the document declares none"
                + (which == "request" ? " (send no content: PostOk(url, null) or PostAsync(url, null))" : "");
            yield break;
        }
        var declared = content[mediaType] ?? content["*/*"];
        if (declared is null)
        {
            yield return $"{at}: {which} media type {mediaType} is not declared (declared: {string.Join(", ", content.Select(c => c.Key))})";
            yield break;
        }
        if (!mediaType.EndsWith("json", StringComparison.Ordinal) || declared["schema"] is not JsonObject schema) yield break;
        var key = $"{at}|{which}|{mediaType}";
        using var instance = JsonDocument.Parse(body);
        EvaluationResults result;
        // JsonSchema.Net's registry is a plain dictionary: building a schema registers it while another test class's
        // evaluation may be resolving a $ref in it, so one contract checks one body at a time.
        lock (_gate)
        {
            if (!_schemas.TryGetValue(key, out var compiled))
                _schemas[key] = compiled = JsonSchema.FromText(schema.ToJsonString(), _build);
            result = compiled.Evaluate(instance.RootElement, Evaluation);
        }
        if (result.IsValid) yield break;
        foreach (var detail in (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }))
        foreach (var (keyword, message) in detail.Errors!)
            yield return $"{at}: {which} body at '{detail.InstanceLocation}' breaks '{keyword}' of {detail.EvaluationPath}: {message}";
    }
}
