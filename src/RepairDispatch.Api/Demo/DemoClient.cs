using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Demo;

/// <summary>A call of the public API that did not answer as expected; carries the problem body.</summary>
public sealed class DemoApiException(string message) : Exception(message);

/// <summary>
/// One signed-in user talking to the service over its public HTTP API. Every answer is checked: anything but
/// the expected status throws with the problem body. A 429 is waited out (Retry-After) and retried.
/// </summary>
public sealed class DemoClient
{
    private const int MaxRateLimitRetries = 20;

    internal static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly ILogger _log;
    private readonly string? _token;

    private DemoClient(HttpClient http, Uri baseAddress, ILogger log, string? token, string username)
    {
        (_http, _base, _log, _token, Username) = (http, baseAddress, log, token, username);
    }

    public string Username { get; }

    /// <summary>Logs in with POST /api/v1/auth/token; null when the credentials are refused (401).</summary>
    public static async Task<DemoClient?> TryLoginAsync(HttpClient http, Uri baseAddress, ILogger log, string username, string password,
        CancellationToken ct)
    {
        var anonymous = new DemoClient(http, baseAddress, log, null, username);
        using var response = await anonymous.SendAsync(HttpMethod.Post, "/api/v1/auth/token", new TokenRequest(username, password), ct);
        if (response.StatusCode == HttpStatusCode.Unauthorized) return null;
        var token = await ReadAsync<TokenResponse>(response, HttpStatusCode.OK, "POST /api/v1/auth/token", ct);
        return new DemoClient(http, baseAddress, log, token.AccessToken, username);
    }

    public static async Task<DemoClient> LoginAsync(HttpClient http, Uri baseAddress, ILogger log, string username, string password,
        CancellationToken ct) =>
        await TryLoginAsync(http, baseAddress, log, username, password, ct)
        ?? throw new DemoApiException($"Login as {username} was refused (401).");

    public Task<T> PostAsync<T>(string path, object? body, CancellationToken ct, HttpStatusCode expected = HttpStatusCode.Created) =>
        CallAsync<T>(HttpMethod.Post, path, body, expected, ct);

    /// <summary>A status step (accept, assign, close…): answers 200 with the work order.</summary>
    public Task<T> StepAsync<T>(string path, object? body, CancellationToken ct) => CallAsync<T>(HttpMethod.Post, path, body, HttpStatusCode.OK, ct);

    public Task<T> GetAsync<T>(string path, CancellationToken ct) => CallAsync<T>(HttpMethod.Get, path, null, HttpStatusCode.OK, ct);

    private async Task<T> CallAsync<T>(HttpMethod method, string path, object? body, HttpStatusCode expected, CancellationToken ct)
    {
        using var response = await SendAsync(method, path, body, ct);
        return await ReadAsync<T>(response, expected, $"{method} {path} as {Username}", ct);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, new Uri(_base, path));
            if (_token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: Options);
            var response = await _http.SendAsync(request, ct);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt >= MaxRateLimitRetries) return response;
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(5);
            response.Dispose();
            _log.LogInformation("Rate limited as {Username}: waiting {Seconds} s before retrying {Method} {Path}",
                Username, wait.TotalSeconds, method, path);
            await Task.Delay(wait, ct);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != expected)
            throw new DemoApiException($"{what} answered {(int)response.StatusCode} {response.StatusCode} (expected {(int)expected}): {text}");
        return JsonSerializer.Deserialize<T>(text, Options)
            ?? throw new DemoApiException($"{what} answered {(int)response.StatusCode} with an empty body.");
    }
}
