using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>
/// The stable problem types clients can switch on (RFC 9457 `type`). `title` follows the type and `detail` and the
/// validation messages are rendered in the caller's language; beside them `detailCode` and `errorCodes` carry the
/// same texts as stable codes with arguments.
/// </summary>
public static class Problems
{
    private const string Base = "https://repairdispatch.dev/problems/";

    public static ProblemHttpResult Validation(string field, Text message) =>
        Validation(new Dictionary<string, Text[]> { [field] = [message] });

    public static ProblemHttpResult Validation(IDictionary<string, Text[]> errors) => TypedResults.Problem(ValidationDetails(errors));

    /// <summary>A 400 naming its fields: messages rendered in the caller's language, `errorCodes` beside them.</summary>
    public static HttpValidationProblemDetails ValidationDetails(IDictionary<string, Text[]> errors, string code = "validation")
    {
        var problem = new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value.Select(t => t.Render()).ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Type = Base + code,
        };
        problem.Extensions["errorCodes"] = errors.ToDictionary(e => e.Key, e => e.Value);
        return problem;
    }

    public static ProblemHttpResult NotFound(Text what) =>
        Make(StatusCodes.Status404NotFound, "not-found", Codes.Refusal.NotFound.With(what));

    public static ProblemHttpResult Conflict(string code, Text detail, IDictionary<string, object?>? extensions = null) =>
        Make(StatusCodes.Status409Conflict, code, detail, extensions);

    public static ProblemHttpResult Forbidden(Text detail) => Make(StatusCodes.Status403Forbidden, "forbidden", detail);

    /// <summary>412, with the current ETag in the body (`currentETag`) and in the ETag header when it is known.</summary>
    public static IResult PreconditionFailed(string? currentETag = null)
    {
        var problem = Make(StatusCodes.Status412PreconditionFailed, "stale-etag", Codes.Refusal.StaleETag,
            currentETag is null ? null : new Dictionary<string, object?> { ["currentETag"] = currentETag });
        return currentETag is null ? problem : new WorkOrders.WithETag(currentETag, problem);
    }

    public static ProblemHttpResult PreconditionRequired() =>
        Make(StatusCodes.Status428PreconditionRequired, "if-match-required", Codes.Refusal.IfMatchRequired);

    public static ProblemHttpResult InvalidTransition(WorkOrders.WorkOrderStatus from, WorkOrders.WorkOrderAction action) =>
        InvalidTransition(from.ToString(), Codes.Refusal.InvalidTransition.With(Codes.Word(from), Codes.Word(action)));

    public static ProblemHttpResult InvalidTransition(string from, Text detail) => Make(StatusCodes.Status409Conflict, "invalid-transition",
        detail, new Dictionary<string, object?> { ["currentStatus"] = from });

    public static ProblemHttpResult TooManyRequests(Text detail) => Make(StatusCodes.Status429TooManyRequests, "too-many-requests", detail);

    public static ProblemHttpResult Make(int status, string code, Text detail, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { ["detailCode"] = detail };
        return TypedResults.Problem(detail: detail.Render(), statusCode: status, type: Base + code, extensions: all);
    }

    public static string TypeFor(string code) => Base + code;

    /// <summary>
    /// Every problem, ours or the framework's (401, 403, 415, validation), gets a stable type and a title in the
    /// caller's language; validation keys use the JSON field names clients send (camelCase), not C# property names,
    /// and the framework's validation messages are turned into codes.
    /// </summary>
    public static void Customize(ProblemDetailsContext ctx)
    {
        var problem = ctx.ProblemDetails;
        problem.Extensions.TryAdd("traceId", ctx.HttpContext.TraceIdentifier);
        if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org", StringComparison.Ordinal))
        {
            problem.Type = Base + (problem is HttpValidationProblemDetails ? "validation" : problem.Status switch
            {
                401 => "unauthorized", 403 => "forbidden", 404 => "not-found", 405 => "method-not-allowed",
                413 => "body-too-large", 415 => "unsupported-media-type", 429 => "too-many-requests", _ => "error",
            });
        }
        var type = problem.Type.StartsWith(Base, StringComparison.Ordinal) ? problem.Type[Base.Length..] : "error";
        problem.Title = Text.Of("title." + (Text.Template("title." + type, Localization.English) is null ? "conflict" : type)).Render();
        if (problem is HttpValidationProblemDetails validation) FrameworkMessages.Localize(validation);
    }
}
