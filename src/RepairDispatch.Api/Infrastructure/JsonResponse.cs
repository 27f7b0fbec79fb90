using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>
/// A JSON response serialized while the transaction is still open, so a request with an Idempotency-Key stores
/// the exact response in the same transaction as its effect (<see cref="IdempotencyScope"/>).
/// </summary>
public sealed class JsonResponse : IResult, IStatusCodeHttpResult
{
    private const string ContentType = "application/json; charset=utf-8";
    private readonly int _status;
    private readonly string _json;
    private readonly string? _etag;
    private readonly string? _location;

    private JsonResponse(int status, string json, string? etag, string? location) =>
        (_status, _json, _etag, _location) = (status, json, etag, location);

    public static IResult Of<T>(HttpContext http, T body, int status = StatusCodes.Status200OK, string? etag = null, string? location = null)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var json = JsonSerializer.Serialize(body, options);
        IdempotencyScope.Current?.Respond(status, ContentType, json, etag, location);
        return new JsonResponse(status, json, etag, location);
    }

    public int? StatusCode => _status;

    public Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = _status;
        http.Response.ContentType = ContentType;
        if (_etag is not null) http.Response.Headers.ETag = _etag;
        if (_location is not null) http.Response.Headers.Location = _location;
        return http.Response.WriteAsync(_json);
    }
}
