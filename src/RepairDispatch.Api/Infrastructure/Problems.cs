using Microsoft.AspNetCore.Http.HttpResults;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>The stable problem types clients can switch on (RFC 9457 `type` and `title`).</summary>
public static class Problems
{
    private const string Base = "https://repairdispatch.dev/problems/";

    public static ProblemHttpResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Type = Base + "validation",
            Title = "One or more fields are invalid.",
        });

    public static ProblemHttpResult NotFound(string what) => Make(StatusCodes.Status404NotFound, "not-found", "Not found.", $"{what} was not found.");

    public static ProblemHttpResult Conflict(string code, string detail, IDictionary<string, object?>? extensions = null) =>
        Make(StatusCodes.Status409Conflict, code, "The request conflicts with the current state.", detail, extensions);

    public static ProblemHttpResult Forbidden(string detail) => Make(StatusCodes.Status403Forbidden, "forbidden", "Forbidden.", detail);

    /// <summary>412, with the current ETag in the body (`currentETag`) and in the ETag header when it is known.</summary>
    public static IResult PreconditionFailed(string? currentETag = null)
    {
        var problem = Make(StatusCodes.Status412PreconditionFailed, "stale-etag", "The resource has changed.",
            "The If-Match ETag is no longer current: read the resource again and retry.",
            currentETag is null ? null : new Dictionary<string, object?> { ["currentETag"] = currentETag });
        return currentETag is null ? problem : new WorkOrders.WithETag(currentETag, problem);
    }

    public static ProblemHttpResult PreconditionRequired() => Make(StatusCodes.Status428PreconditionRequired, "if-match-required",
        "If-Match is required.", "Send the ETag you read in an If-Match header.");

    public static ProblemHttpResult InvalidTransition(string from, string action) => Make(StatusCodes.Status409Conflict, "invalid-transition",
        "The status change is not allowed.", $"A work order in status {from} cannot {action}.",
        new Dictionary<string, object?> { ["currentStatus"] = from });

    public static ProblemHttpResult TooManyRequests(string detail) =>
        Make(StatusCodes.Status429TooManyRequests, "too-many-requests", "Too many requests.", detail);

    public static ProblemHttpResult Make(int status, string code, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: Base + code, extensions: extensions);

    public static string TypeFor(string code) => Base + code;

    /// <summary>
    /// Framework-made problems (401, 403, 415, validation) get our stable types, and validation keys use the
    /// JSON field names clients send (camelCase), not C# property names.
    /// </summary>
    public static void Customize(Microsoft.AspNetCore.Http.ProblemDetailsContext ctx)
    {
        var problem = ctx.ProblemDetails;
        problem.Extensions.TryAdd("traceId", ctx.HttpContext.TraceIdentifier);
        if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org", StringComparison.Ordinal))
        {
            var isValidation = problem is HttpValidationProblemDetails;
            problem.Type = Base + (isValidation ? "validation" : problem.Status switch
            {
                401 => "unauthorized", 403 => "forbidden", 404 => "not-found", 405 => "method-not-allowed",
                413 => "body-too-large", 415 => "unsupported-media-type", 429 => "too-many-requests", _ => "error",
            });
            if (isValidation) problem.Title = "One or more fields are invalid.";
        }
        if (problem is HttpValidationProblemDetails validation)
        {
            var camel = validation.Errors.ToDictionary(e => CamelPath(e.Key), e => e.Value);
            validation.Errors.Clear();
            foreach (var (key, value) in camel) validation.Errors[key] = value;
        }
    }

    private static string CamelPath(string key) => string.Join('.', key.Split('.').Select(part =>
        part.Length == 0 || char.IsLower(part[0]) ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
