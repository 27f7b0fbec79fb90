using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>
/// Answers an operation can give that no endpoint declares, because the pipeline gives them: 400 for a value
/// that does not bind, 413/415 for an unreadable body, 409/422 from the Idempotency-Key middleware, and the
/// media types of file downloads (declared with <c>Produces(200, null, …)</c>, which the generator leaves empty); and
/// the If-Match header of every operation that can answer 412; 403 on every operation that needs a token.
/// </summary>
internal static class OpenApiAnswers
{
    public static void Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context, bool needsToken)
    {
        var responses = operation.Responses ??= new OpenApiResponses();
        var document = context.Document;
        var hasBody = operation.RequestBody is not null;
        if (hasBody || operation.Parameters?.Any(p => p.In == ParameterLocation.Query) == true)
            responses.TryAdd("400", Problem("The request cannot be read: `errors` names the field or parameter.", document, nameof(HttpValidationProblemDetails)));
        if (hasBody)
        {
            responses.TryAdd("413", Problem("The request body is too large.", document));
            responses.TryAdd("415", Problem("The request body is not JSON.", document));
        }
        // A machine client's token is good only on the routes of its scopes: any other route answers 403.
        if (needsToken) responses.TryAdd("403", Problem("The caller may not do this: a role without the right, or a machine client outside its scopes.", document));
        var method = context.Description.HttpMethod;
        if (needsToken && (HttpMethods.IsPost(method ?? "") || HttpMethods.IsPatch(method ?? "")))
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = Idempotency.Header,
                In = ParameterLocation.Header,
                Description = "Retry-safe key (at most 100 characters): a repeat with the same key and request replays the first answer.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 100 },
            });
            responses.TryAdd("409", Problem("A request with this Idempotency-Key is still running, or the change conflicts with the current state.", document));
            responses.TryAdd("422", Problem("This Idempotency-Key was used for a different request.", document));
        }
        if (responses.ContainsKey("412"))
        {
            // Only a stale If-Match answers 412, so every such operation takes the header; 428 means it must be sent.
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = responses.ContainsKey("428"),
                Description = "The ETag last read: the change is made only if the resource is still at that version (412 otherwise).",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 40 },
            });
        }
        foreach (var produced in context.Description.ActionDescriptor.EndpointMetadata.OfType<IProducesResponseTypeMetadata>())
        {
            if (produced.Type is not null && produced.Type != typeof(void)) continue;
            if (!responses.TryGetValue(produced.StatusCode.ToString(), out var found) || found is not OpenApiResponse response) continue;
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            // A file's bytes need no schema (OpenAPI 3.1: a media type without one is any content of that type).
            foreach (var mediaType in produced.ContentTypes) response.Content.TryAdd(mediaType, new OpenApiMediaType());
        }
    }

    public static OpenApiResponse Problem(string description, OpenApiDocument? document, string schema = nameof(ProblemDetails)) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(schema, document) },
        },
    };
}
