using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>
/// Schema rules that make the document say what goes over the wire. The JSON options omit nulls
/// (<c>WhenWritingNull</c>), so a nullable property is simply absent when it has no value: only a property
/// that can never be null (and has no default a client may rely on) is required. A <c>[Required]</c> request
/// field must be sent and must not be null (validation refuses both). Problem bodies are RFC 9457 objects
/// with extension members (<c>traceId</c>, <c>currentETag</c>, …).
/// </summary>
internal static class OpenApiSchemas
{
    public static void Apply(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        if (schema.Enum is { Count: > 0 } values && values.Any(v => v is null))
            schema.Enum = values.Where(v => v is not null).ToList(); // nullability belongs to the use site, not the enum
        if (schema.Enum is { Count: > 0 } names && schema.Type is null && names.All(v => v?.GetValueKind() == System.Text.Json.JsonValueKind.String))
            schema.Type = JsonSchemaType.String; // enums travel as their names (JsonStringEnumConverter)
        var info = context.JsonTypeInfo;
        if (typeof(ProblemDetails).IsAssignableFrom(info.Type))
        {
            DescribeProblem(schema, info.Type == typeof(HttpValidationProblemDetails));
            return;
        }
        if (info.Kind != JsonTypeInfoKind.Object || schema.Properties is not { Count: > 0 } properties) return;
        schema.Required = info.Properties.Where(p => properties.ContainsKey(p.Name) && (IsRequiredField(p) || AlwaysPresent(p)))
            .Select(p => p.Name).ToHashSet();
    }

    private static bool IsRequiredField(JsonPropertyInfo property) =>
        property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true;

    /// <summary>Never null (so never omitted) and not defaulted when a client leaves it out.</summary>
    private static bool AlwaysPresent(JsonPropertyInfo property) =>
        !property.IsGetNullable && property.ShouldSerialize is null
        && (property.IsRequired || property.AssociatedParameter is { HasDefaultValue: false } || property.Set is null);

    /// <summary>
    /// A required property is never null. Runs over the finished components, because the generator wraps a
    /// nullable reference in <c>oneOf [null, $ref]</c> only after the schema transformers ran.
    /// </summary>
    public static void RequiredIsNeverNull(OpenApiDocument document)
    {
        foreach (var schema in document.Components?.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
        foreach (var name in schema.Required ?? new HashSet<string>())
            if (schema.Properties?.TryGetValue(name, out var member) == true) schema.Properties[name] = WithoutNull(member);
    }

    private static IOpenApiSchema WithoutNull(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema concrete) return schema;
        if (concrete.OneOf is { Count: 2 } branches && branches.Any(IsNullOnly)) return branches.First(b => !IsNullOnly(b));
        if (concrete.Type is { } type && type.HasFlag(JsonSchemaType.Null)) concrete.Type = type & ~JsonSchemaType.Null;
        return concrete;
    }

    private static bool IsNullOnly(IOpenApiSchema schema) => schema.Type == JsonSchemaType.Null;

    private static void DescribeProblem(OpenApiSchema schema, bool validation)
    {
        schema.Description = validation
            ? "RFC 9457 problem details of a refused request: `errors` maps each field (JSON path) to its messages."
            : "RFC 9457 problem details; extension members (traceId, currentETag, currentStatus, …) may follow.";
        schema.AdditionalPropertiesAllowed = true;
        schema.AdditionalProperties = null;
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200, Description = "Identifies the request in the service's logs." };
        schema.Required = new HashSet<string>(validation ? ["type", "title", "status", "errors"] : ["type", "title", "status"]);
    }
}
