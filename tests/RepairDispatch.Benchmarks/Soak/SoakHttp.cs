using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RepairDispatch.Benchmarks.Soak;

/// <summary>An answer's status, body, ETag and whether it was a replay of a stored answer.</summary>
public sealed record Reply(int Status, string Body, string? ETag, bool Replayed)
{
    public JsonNode? Json => Body.Length > 0 && Body[0] is '{' or '[' ? JsonNode.Parse(Body) : null;
    public string Id => Json?["id"]?.GetValue<string>() ?? throw new InvalidOperationException("No id in " + Body);
}

/// <summary>
/// The soak's HTTP side: every request goes to one of the nodes (round robin, so two processes serve the same users
/// and the same orders), is timed, and is recorded with whether its status was the expected one.
/// </summary>
public sealed class SoakHttp(IReadOnlyList<HttpClient> nodes, SoakRecorder recorder)
{
    private int _next;

    public async Task<Reply> SendAsync(string kind, HttpMethod method, string path, string token, object? body = null,
        int expected = 200, string? idempotencyKey = null, string? ifMatch = null, int? tolerated = null)
    {
        var node = nodes[(int)((uint)Interlocked.Increment(ref _next) % nodes.Count)];
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (body is not null)
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json");
        var start = Stopwatch.GetTimestamp();
        Reply reply;
        try
        {
            using var response = await node.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var replayed = response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Contains("true");
            reply = new Reply((int)response.StatusCode, text, response.Headers.ETag?.ToString(), replayed);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            reply = new Reply(0, e.GetType().Name + ": " + e.Message, null, false);
        }
        var ok = reply.Status == expected || reply.Status == tolerated;
        recorder.Add(new Answered(kind, Stopwatch.GetElapsedTime(start).TotalMilliseconds, reply.Status, ok),
            ok ? null : $"{method} {path} answered {reply.Status} (expected {expected}): {reply.Body[..Math.Min(reply.Body.Length, 300)]}");
        return reply;
    }
}
