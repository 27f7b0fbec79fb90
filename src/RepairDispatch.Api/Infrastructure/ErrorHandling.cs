using System.Data.Common;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>
/// Turns the failures that escape handlers into problem+json: unreadable requests → 4xx naming the field,
/// constraint violations and versions that kept changing → 409, anything else → 500 without internals.
/// </summary>
public sealed class ErrorHandling(IProblemDetailsService problems, ILogger<ErrorHandling> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            BadHttpRequestException bad => FromBadRequest(bad),
            DbException db when DbErrors.IsConstraintViolation(db) => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Type = Problems.TypeFor("constraint"),
                Title = "The request conflicts with the current state.",
                Detail = "A uniqueness or reference rule of the data was violated; nothing was changed.",
            },
            ConcurrencyConflictException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Type = Problems.TypeFor("concurrent-update"),
                Title = "The request conflicts with the current state.",
                Detail = "Someone else kept changing the same record while this request ran; nothing was changed: read it again and retry.",
            },
            OutcomeUnknownException => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Type = Problems.TypeFor("outcome-unknown"),
                Title = "The database did not confirm the change.",
                Detail = "It may or may not have happened: read the resource before trying again, or retry with an Idempotency-Key.",
            },
            _ => null,
        };
        if (exception is OutcomeUnknownException)
            logger.LogError(exception, "Commit outcome unknown on {Method} {Path}", http.Request.Method, http.Request.Path);
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Type = Problems.TypeFor("internal"),
                Title = "An unexpected error occurred.",
                Detail = "The error was logged; nothing was changed.",
            };
        }
        else if (problem.Status == StatusCodes.Status409Conflict)
        {
            logger.LogInformation("Conflict on {Method} {Path}: {Message}", http.Request.Method, http.Request.Path, exception.Message);
        }
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException bad)
    {
        var json = FindJsonException(bad);
        if (json is not null)
        {
            var field = JsonField(json.Path);
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [JsonMessage(json)] })
            {
                Status = StatusCodes.Status400BadRequest,
                Type = Problems.TypeFor("malformed-json"),
                Title = "The request body is not valid JSON for this operation.",
            };
        }
        var status = bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest;
        return new ProblemDetails
        {
            Status = status,
            Type = Problems.TypeFor(status switch { 413 => "body-too-large", 415 => "unsupported-media-type", _ => "bad-request" }),
            Title = status switch { 413 => "The request body is too large.", 415 => "The content type is not supported.", _ => "The request is malformed." },
            Detail = bad.Message,
        };
    }

    private static JsonException? FindJsonException(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is JsonException j) return j;
        return null;
    }

    // "$.appointment.from" → "appointment.from"; the root or an unknown position → "body".
    private static string JsonField(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');

    private static string JsonMessage(JsonException json) =>
        json.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "Unknown field: not part of this request."
        : json.Message.Contains("could not be converted", StringComparison.Ordinal) ? "The value has the wrong type or is not one of the allowed values."
        : json.Message.Contains("null", StringComparison.Ordinal) ? "Must not be null."
        : "The JSON is malformed here.";
}
