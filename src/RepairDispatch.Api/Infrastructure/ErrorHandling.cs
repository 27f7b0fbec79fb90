using System.Data.Common;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using RepairDispatch.Api.Texts;

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
            BadHttpRequestException bad => FromBadRequest(bad, http),
            DbException db when DbErrors.IsConstraintViolation(db) =>
                Problem(StatusCodes.Status409Conflict, "constraint", Codes.Refusal.ConstraintViolated),
            ConcurrencyConflictException => Problem(StatusCodes.Status409Conflict, "concurrent-update", Codes.Refusal.ConcurrentUpdate),
            OutcomeUnknownException => Problem(StatusCodes.Status503ServiceUnavailable, "outcome-unknown", Codes.Refusal.OutcomeUnknown),
            _ => null,
        };
        if (exception is OutcomeUnknownException)
            logger.LogError(exception, "Commit outcome unknown on {Method} {Path}", http.Request.Method, http.Request.Path);
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
            problem = Problem(StatusCodes.Status500InternalServerError, "internal", Codes.Refusal.Internal);
        }
        else if (problem.Status == StatusCodes.Status409Conflict)
        {
            logger.LogInformation("Conflict on {Method} {Path}: {Message}", http.Request.Method, http.Request.Path, exception.Message);
        }
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException bad, HttpContext http)
    {
        var json = FindJsonException(bad);
        if (json is not null)
        {
            return Problems.ValidationDetails(new Dictionary<string, Text[]> { [JsonField(json.Path)] = [JsonMessage(json)] }, "malformed-json");
        }
        var status = bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest;
        // Every 400 is a validation problem: a value that does not bind ("Failed to bind parameter \"Guid workOrderId\" …")
        // names its parameter, anything else the request as a whole.
        if (status == StatusCodes.Status400BadRequest)
        {
            var parameter = System.Text.RegularExpressions.Regex.Match(bad.Message, "parameter \"[^\"]* (\\w+)\"");
            var field = parameter.Success ? parameter.Groups[1].Value : "request";
            var text = Codes.Refusal.BadRequest.With(bad.Message);
            var problem = Problems.ValidationDetails(new Dictionary<string, Text[]> { [field] = [text] }, "bad-request");
            problem.Detail = text.Render();
            problem.Extensions["detailCode"] = text;
            return problem;
        }
        return status switch
        {
            413 => Problem(status, "body-too-large", Codes.Refusal.BodyTooLarge.With((http.GetEndpoint()?.Metadata
                .GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? ServiceSetup.MaxBodyBytes) / 1024)),
            415 => Problem(status, "unsupported-media-type", Codes.Refusal.UnsupportedMediaType),
            // The framework's own words (English) say which header or value it could not read.
            _ => Problem(status, "bad-request", Codes.Refusal.BadRequest.With(bad.Message)),
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

    private static Text JsonMessage(JsonException json) =>
        json.Message.Contains("could not be mapped", StringComparison.Ordinal) ? Codes.Refusal.JsonUnknownField
        : json.Message.Contains("could not be converted", StringComparison.Ordinal) ? Codes.Refusal.WrongType
        : json.Message.Contains("null", StringComparison.Ordinal) ? Codes.Refusal.JsonNull
        : Codes.Refusal.JsonMalformed;

    private static ProblemDetails Problem(int status, string type, Text detail) => new()
    {
        Status = status, Type = Problems.TypeFor(type), Detail = detail.Render(), Extensions = { ["detailCode"] = detail },
    };
}
