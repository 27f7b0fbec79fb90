using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace RepairDispatch.Benchmarks;

public enum MobileRequest { Sync, Accept, Depart, Arrive, Complete, Retry }

/// <summary>One request of the day: its latency, and whether it was answered as it should be.</summary>
public readonly record struct Sent(MobileRequest Kind, double Ms, bool Ok);

/// <summary>
/// One technician's day on the phone, one request after another: a sync, then each job in appointment order
/// accepted, departed for, arrived at and completed with one part. Every step has its own Idempotency-Key; some are
/// sent a second time right away (a retry after a lost answer), and that answer must be the stored first one:
/// same status, same body, marked Idempotent-Replayed. The day stops at the first failure, as the phone would.
/// </summary>
public sealed class TechnicianDay(HttpClient http, string token, int expectedJobs, string partId, double retryShare, Random random)
{
    private const string SyncPath = "/api/v1/mobile/sync";
    private const string ArriveBody = """{"lat":31.23,"lon":121.47}""";
    private readonly string _completeBody =
        $$"""{"repairLevel":"Minor","mainPart":false,"labourMinutes":30,"parts":[{"partId":"{{partId}}","qty":1}],"notes":"done"}""";
    private readonly AuthenticationHeaderValue _bearer = new("Bearer", token);

    public List<Sent> Requests { get; } = new(1 + expectedJobs * 5);
    public int Retries { get; private set; }
    public string? Error { get; private set; }

    public async Task RunAsync()
    {
        var jobs = await SyncAsync();
        if (jobs is null) return;
        foreach (var job in jobs)
            if (!await StepAsync(MobileRequest.Accept, job, null) || !await StepAsync(MobileRequest.Depart, job, null)
                || !await StepAsync(MobileRequest.Arrive, job, ArriveBody) || !await StepAsync(MobileRequest.Complete, job, _completeBody))
                return;
    }

    /// <summary>The jobs in the view, in route order (by appointment); null when the sync failed.</summary>
    private async Task<List<string>?> SyncAsync()
    {
        var answer = await SendAsync(HttpMethod.Get, SyncPath, null, null);
        var jobs = answer.Status == 200 ? InRouteOrder(answer.Body) : [];
        var failure = answer.Status != 200 ? $"GET {SyncPath} answered {Describe(answer)}"
            : jobs.Count != expectedJobs ? $"GET {SyncPath} listed {jobs.Count} jobs, not the {expectedJobs} assigned" : null;
        return Record(MobileRequest.Sync, answer, failure) ? jobs : null;
    }

    /// <summary>The job ids of a sync answer by appointment; empty when the answer is not a sync answer with booked jobs.</summary>
    private static List<string> InRouteOrder(string syncBody)
    {
        try
        {
            using var sync = JsonDocument.Parse(syncBody);
            return sync.RootElement.GetProperty("upserts").EnumerateArray().Select(job => job.GetProperty("order"))
                .OrderBy(order => order.GetProperty("appointment").GetProperty("from").GetDateTimeOffset())
                .Select(order => order.GetProperty("id").GetString()!).ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return [];
        }
    }

    private async Task<bool> StepAsync(MobileRequest step, string jobId, string? json)
    {
        var path = $"/api/v1/mobile/jobs/{jobId}/{step.ToString().ToLowerInvariant()}";
        var key = Guid.NewGuid().ToString();
        var retried = random.NextDouble() < retryShare;
        var first = await SendAsync(HttpMethod.Post, path, key, json);
        if (!Record(step, first, first.Status == 200 ? null : $"POST {path} answered {Describe(first)}")) return false;
        if (!retried) return true;
        Retries++;
        var again = await SendAsync(HttpMethod.Post, path, key, json);
        var same = again.Status == first.Status && again.Body == first.Body && again.Replayed;
        return Record(MobileRequest.Retry, again, same ? null
            : $"the retry of POST {path} answered {Describe(again)} (replayed: {again.Replayed}), not the first answer {Describe(first)}");
    }

    private bool Record(MobileRequest kind, Answer answer, string? failure)
    {
        Requests.Add(new Sent(kind, answer.Ms, failure is null));
        Error ??= failure;
        return failure is null;
    }

    private async Task<Answer> SendAsync(HttpMethod method, string path, string? idempotencyKey, string? json)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = _bearer;
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var replayed = response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Contains("true");
            return new Answer((int)response.StatusCode, body, replayed, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Answer(0, e.GetType().Name + ": " + e.Message, false, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    private static string Describe(Answer answer) => $"{answer.Status} {answer.Body[..Math.Min(answer.Body.Length, 300)]}";

    private readonly record struct Answer(int Status, string Body, bool Replayed, double Ms);
}
