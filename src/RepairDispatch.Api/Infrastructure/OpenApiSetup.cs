using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>
/// The OpenAPI document: bearer auth declared once and required on every route that needs a token; every
/// operation lists the errors and rate-limit headers it can answer with; every schema states its bounds.
/// </summary>
public static class OpenApiSetup
{
    private const string AdminScheme = "adminBearer";

    public static IServiceCollection AddRepairDispatchOpenApi(this IServiceCollection services) => services.AddOpenApi(o =>
    {
        o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info = new OpenApiInfo
            {
                Title = "RepairDispatch API",
                Version = "v1",
                Description = "After-sales repair and installation dispatch for home-appliance stores.",
                Contact = new OpenApiContact { Name = "RepairDispatch maintainers" },
            };
            doc.Servers = [new OpenApiServer
            {
                Url = "/",
                Description = "This deployment (production or local embedded mode)",
                Extensions = new Dictionary<string, IOpenApiExtension> { ["x-internal"] = new JsonNodeExtension(JsonValue.Create(false)) },
            }];
            doc.Components ??= new OpenApiComponents();
            doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            doc.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "Access token from POST /api/v1/auth/token: HS256-signed JWT, issuer and audience checked, short-lived, following RFC8725 best practices.",
            };
            doc.Components.SecuritySchemes[AdminScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "The /api/v1/admin operations: an access token (HS256-signed JWT following RFC8725 best practices, as for bearer) of a user with the admin role; every other role gets 403.",
            };
            OpenApiSchemas.RequiredIsNeverNull(doc);
            return Task.CompletedTask;
        });
        o.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var needsToken = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
            if (needsToken)
            {
                operation.Security ??= [];
                // The /admin area (operators' tools) names its own scheme, so it never shares a requirement with staff routes.
                var adminArea = context.Description.RelativePath?.StartsWith("api/v1/admin/", StringComparison.Ordinal) == true
                    && metadata.OfType<IAuthorizeData>().Any(a => a.Policy == Auth.Policies.Admin);
                operation.Security.Add(new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(adminArea ? AdminScheme : "bearer", context.Document)] = [],
                });
            }
            // A body the handler reads as a stream (a multipart upload) is described by the route itself.
            if (metadata.OfType<RequestBodyDescription>().FirstOrDefault() is { } body) operation.RequestBody = body.Describe();
            OpenApiAnswers.Describe(operation, context, needsToken);
            operation.Responses!.TryAdd("429", OpenApiAnswers.Problem("Too many requests: retry after the seconds in Retry-After.", context.Document));
            operation.Responses["500"] = OpenApiAnswers.Problem("Unexpected error; it was logged and nothing changed.", context.Document);
            foreach (var (code, response) in operation.Responses)
            {
                if (response is not OpenApiResponse concrete) continue;
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers["Access-Control-Allow-Origin"] = TextHeader("Sent to browsers calling from an origin listed in RepairDispatch:Cors:Origins.");
                if (code == "429") concrete.Headers["Retry-After"] = Header("Seconds to wait before retrying.");
                if (!(code.StartsWith('2') || code.StartsWith('4'))) continue;
                concrete.Headers["RateLimit-Limit"] = Header("Requests allowed per minute for this caller.");
                concrete.Headers["RateLimit-Reset"] = Header("Seconds until the allowance is next replenished.");
            }
            return Task.CompletedTask;
        });
        o.AddSchemaTransformer((schema, context, _) =>
        {
            OpenApiSchemas.Apply(schema, context);
            Bound(schema);
            return Task.CompletedTask;
        });
    });

    private static OpenApiHeader TextHeader(string description) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 2000 },
    };

    private static OpenApiHeader Header(string description) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0", Maximum = "1000000" },
    };

    /// <summary>
    /// Strings, integers and arrays without a declared bound get the bound the service actually has: text
    /// columns hold at most 2000 characters, pages at most 200 items, ids and times have fixed forms.
    /// </summary>
    private static void Bound(OpenApiSchema schema)
    {
        var type = schema.Type ?? 0;
        if (type.HasFlag(JsonSchemaType.String) && schema.MaxLength is null && schema.Enum is not { Count: > 0 } && schema.Const is null)
            schema.MaxLength = schema.Format switch { "uuid" => 36, "date-time" => 40, "date" => 10, "time" => 16, _ => 2000 };
        if (type.HasFlag(JsonSchemaType.Integer))
        {
            schema.Minimum ??= schema.Format == "int64" ? "-9223372036854775808" : "-2147483648";
            schema.Maximum ??= schema.Format == "int64" ? "9223372036854775807" : "2147483647";
        }
        if (type.HasFlag(JsonSchemaType.Array)) schema.MaxItems ??= Cursor.MaxPageSize;
    }
}

/// <summary>Endpoint metadata: the request body of a route that reads its body itself (no parameter the generator could see).</summary>
public sealed record RequestBodyDescription(Func<OpenApiRequestBody> Describe);
