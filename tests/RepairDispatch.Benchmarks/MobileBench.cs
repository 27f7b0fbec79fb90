using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Data.Sqlite;

namespace RepairDispatch.Benchmarks;

/// <summary>
/// mobile-run: on a database seeded by mobile-seed, with the service running on it:
///  1. as admin, makes one technician login per seeded technician through the API (the service hashes the password),
///     then every technician logs in;
///  2. plays the day: every technician at once (at most --concurrency), each one request after another (see
///     <see cref="TechnicianDay"/>), with a --retry-share of the steps sent twice under the same Idempotency-Key;
///  3. prints requests/s and latency, per request kind and in all;
///  4. checks in the database, read-only, that every logical action had exactly one effect (<see cref="MobileChecks"/>).
/// Exit code: 0 every check passed, 1 a check failed, 2 errors (a failed request, a retry answered differently, bad arguments).
/// </summary>
public static class MobileBench
{
    private const string TechnicianPassword = "bench-technician-password-1";
    private const int RandomSeed = 20240802;

    private static readonly (MobileRequest Kind, string Label)[] Kinds =
    [
        (MobileRequest.Sync, "  GET  /mobile/sync"), (MobileRequest.Accept, "  POST /mobile/jobs/{id}/accept"),
        (MobileRequest.Depart, "  POST /mobile/jobs/{id}/depart"), (MobileRequest.Arrive, "  POST /mobile/jobs/{id}/arrive"),
        (MobileRequest.Complete, "  POST /mobile/jobs/{id}/complete"), (MobileRequest.Retry, "  retries (same key: replayed)"),
    ];

    public static async Task<int> RunAsync(Options options)
    {
        var path = options.Required("db");
        var url = ApiClient.LoopbackUrl(options, "url");
        var adminPassword = options.Required("admin-password");
        var retryShare = options.Double("retry-share", 0.1);
        if (retryShare is < 0 or > 1) throw new ArgumentException("--retry-share is a share between 0 and 1.");
        var cpu = new CpuMeter(options.Ints("pids"));
        var seeded = await SeededDay.LoadAsync(Options.ConnectionString(path));
        var concurrency = options.Int("concurrency", seeded.Technicians.Count);
        if (concurrency < 1) throw new ArgumentException("--concurrency is at least 1.");
        Console.WriteLine($"seeded: {seeded.Technicians.Count} technicians, {seeded.Jobs} assigned jobs, part {MobileSeeder.PartNumber}");

        using var handler = ApiClient.Handler();
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        var watch = Stopwatch.StartNew();
        var tokens = await LogInAsync(http, handler, url, adminPassword, seeded.Technicians);
        Console.WriteLine(Inv($"== logins: {seeded.Technicians.Count} technician users made by admin and logged in, in {watch.Elapsed.TotalSeconds:0.0} s"));

        Console.WriteLine(Inv($"== the day: {seeded.Technicians.Count} technicians, {concurrency} at a time, {retryShare:0.##} of the steps retried"));
        var days = seeded.Technicians.Select((t, i) =>
            new TechnicianDay(http, tokens[i], t.Jobs, seeded.PartId, retryShare, new Random(RandomSeed + i))).ToArray();
        var cpuBefore = cpu.Sample();
        watch.Restart();
        await Parallel.ForEachAsync(days, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (day, _) => await day.RunAsync());
        var seconds = watch.Elapsed.TotalSeconds;

        var sent = days.SelectMany(d => d.Requests).ToList();
        var errors = sent.Count(r => !r.Ok);
        var firstError = days.Select(d => d.Error).FirstOrDefault(e => e is not null);
        var all = Phase("all requests", seconds, sent, firstError);
        all.OtherCpuPercent = cpu.OtherPercentSince(cpuBefore);
        Console.WriteLine();
        Console.WriteLine(PhaseResult.Header);
        Console.WriteLine(all.Row());
        foreach (var (kind, label) in Kinds) Console.WriteLine(Phase(label, seconds, sent.Where(r => r.Kind == kind).ToList(), null).Row());
        Console.WriteLine();

        Report.Header();
        Report.Row("technicians", Report.N(seeded.Technicians.Count));
        Report.Row("jobs", Report.N(seeded.Jobs));
        Report.Row("logical actions (a sync + 4 steps a job)", Report.N(seeded.Technicians.Count + 4 * seeded.Jobs));
        Report.Row("requests sent (retries included)", Report.N(sent.Count));
        Report.Row("retries (same Idempotency-Key)", Report.N(days.Sum(d => d.Retries)));
        Report.Row("elapsed", Inv($"{seconds:0.00} s"));
        Report.Row("requests/s", Inv($"{sent.Count / seconds:0}"));
        Report.Row("latency p50", Inv($"{all.Percentile(50):0.0} ms"));
        Report.Row("latency p99", Inv($"{all.Percentile(99):0.0} ms"));
        Report.Row("errors", Report.N(errors));
        Console.WriteLine();
        if (firstError is not null) Console.WriteLine($"first error: {firstError}");

        Console.WriteLine("== exactly one effect per logical action (database, read-only)");
        var passed = await MobileChecks.RunAsync(path, seeded);
        if (errors > 0) return 2;
        return passed ? 0 : 1;
    }

    /// <summary>Technician users made by admin, then one token each. Each of these hashes a password (PBKDF2) in a write transaction.</summary>
    internal static async Task<string[]> LogInAsync(HttpClient anonymous, HttpMessageHandler handler, Uri url, string adminPassword,
        IReadOnlyList<SeededTechnician> technicians)
    {
        using var admin = ApiClient.Authenticated(handler, url, await ApiClient.LoginAsync(anonymous, "admin", adminPassword));
        var tokens = new string[technicians.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, technicians.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var username = "bench-" + technicians[i].Code.ToLowerInvariant();
            using var created = await admin.PostAsJsonAsync("/api/v1/users",
                new { username, password = TechnicianPassword, role = "technician", technicianId = technicians[i].Id });
            if (created.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
                throw new InvalidOperationException($"Creating user {username} answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
            tokens[i] = await ApiClient.LoginAsync(anonymous, username, TechnicianPassword);
        });
        return tokens;
    }

    private static PhaseResult Phase(string name, double seconds, List<Sent> sent, string? firstError) =>
        new(name, seconds, sent.Count(r => r.Ok), sent.Count(r => !r.Ok), sent.Where(r => r.Ok).Select(r => r.Ms).ToList(), firstError);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

public sealed record SeededTechnician(string Id, string Code, int Jobs);

/// <summary>What mobile-seed left for the day: the technicians with their assigned jobs, and the part they use.</summary>
public sealed record SeededDay(IReadOnlyList<SeededTechnician> Technicians, string PartId)
{
    public int Jobs => Technicians.Sum(t => t.Jobs);

    public static async Task<SeededDay> LoadAsync(string connectionString)
    {
        await using var c = new SqliteConnection(connectionString);
        await c.OpenAsync();
        var technicians = (await c.QueryAsync<(string Id, string Code, long Jobs)>("""
            SELECT t.id, t.code, COUNT(*) FROM technicians t JOIN work_orders w ON w.technician_id = t.id
            WHERE t.code LIKE @Prefix AND w.status = 'Assigned' GROUP BY t.id, t.code ORDER BY t.code
            """, new { Prefix = MobileSeeder.TechnicianCodePrefix + "%" }))
            .Select(t => new SeededTechnician(t.Id, t.Code, (int)t.Jobs)).ToList();
        if (technicians.Count == 0) throw new ArgumentException("mobile-run: no assigned jobs of mobile technicians: run mobile-seed on a fresh database first.");
        var partId = await c.ExecuteScalarAsync<string>("SELECT id FROM parts WHERE part_number = @PartNumber", new { MobileSeeder.PartNumber })
            ?? throw new ArgumentException($"mobile-run: no part {MobileSeeder.PartNumber}: run mobile-seed first.");
        return new SeededDay(technicians, partId);
    }
}
