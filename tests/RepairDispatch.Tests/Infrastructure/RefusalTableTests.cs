using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace RepairDispatch.Tests.Infrastructure;

/// <summary>
/// "A refusal leaves nothing behind", across the whole API: each row of <see cref="RefusalTable"/> is sent to a populated
/// station and must be answered with its 4xx problem while every row of every table stays as it was.
/// </summary>
public partial class RefusalTableTests(RefusalStation station) : IClassFixture<RefusalStation>
{
    private static readonly string[] WriteMethods = ["POST", "PUT", "PATCH", "DELETE"];

    public static TheoryData<string> Cases()
    {
        var cases = new TheoryData<string>();
        foreach (var row in RefusalTable.Rows) cases.Add(row.Why);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ARefusedRequestLeavesEveryRowOfEveryTableAsItWas(string why)
    {
        var row = RefusalTable.Rows.Single(r => r.Why == why);
        var s = await station.ReadyAsync();
        // No table is excluded: a refused request sent without an Idempotency-Key changes no row anywhere. A refusal's
        // kept answer, and the two refusals that must record something, have their own tests below.
        var before = await DatabaseSnapshot.TakeAsync(s.Db);

        var response = await s.As(row.As).SendAsync(Request(row, s.Ids));

        await response.ShouldBeProblem((HttpStatusCode)row.Status);
        (await DatabaseSnapshot.TakeAsync(s.Db)).DifferencesFrom(before).Should().BeEmpty("{0} was refused", why);
    }

    [Theory]
    [InlineData("contract version overlapping another (named)")]
    [InlineData("dispute listing a line of another run (named)")]
    public async Task ARefusalSentWithAnIdempotencyKeyKeepsOnlyItsAnswerForTheRetry(string why)
    {
        var row = RefusalTable.Rows.Single(r => r.Why == why);
        var s = await station.ReadyAsync();
        // idempotency_keys legitimately gains the refusal's answer, so a retry gets it again (docs/architecture.md); it is checked on its own.
        var keys = new HashSet<string> { "idempotency_keys" };
        var before = await DatabaseSnapshot.TakeAsync(s.Db, excluded: keys);
        var keyRows = await s.Data.CountRows("idempotency_keys");
        var key = Guid.NewGuid().ToString();

        var response = await s.As(row.As).SendAsync(Request(row, s.Ids, key));
        var retry = await s.As(row.As).SendAsync(Request(row, s.Ids, key));

        await response.ShouldBeProblem((HttpStatusCode)row.Status);
        retry.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await DatabaseSnapshot.TakeAsync(s.Db, excluded: keys)).DifferencesFrom(before).Should().BeEmpty();
        (await s.Data.CountRows($"idempotency_keys WHERE idempotency_key = '{key}' AND status_code = {row.Status}")).Should().Be(1);
        (await s.Data.CountRows("idempotency_keys")).Should().Be(keyRows + 1, "only the answer is kept, not a claim by the refused work");
    }

    [Fact]
    public async Task TheTwoRefusalsThatCommitChangeOnlyWhatTheyRecord()
    {
        var s = await station.ReadyAsync();
        var anonymous = s.As("anonymous");
        var login = await anonymous.PostOk("/api/v1/auth/token", new { username = "finance1", password = ApiFactory.UserPassword }, HttpStatusCode.OK);
        var used = login.Str("refreshToken");
        await anonymous.PostOk("/api/v1/auth/refresh", new { refreshToken = used }, HttpStatusCode.OK);

        var beforeLogin = await DatabaseSnapshot.TakeAsync(s.Db);
        await (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = "finance1", password = "wrong-password" })).ShouldBeProblem(HttpStatusCode.Unauthorized);
        var afterLogin = await DatabaseSnapshot.TakeAsync(s.Db);
        await (await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = used })).ShouldBeProblem(HttpStatusCode.Unauthorized);
        var afterReuse = await DatabaseSnapshot.TakeAsync(s.Db);

        afterLogin.DifferencesFrom(beforeLogin).Should().ContainSingle().Which.Should().StartWith("users ", "the failed attempt counts towards the lockout");
        afterReuse.DifferencesFrom(afterLogin).Should().ContainSingle().Which.Should().StartWith("refresh_tokens ", "the reused token's family is revoked");
    }

    [Fact]
    public void TheTableHasAtLeastSixtyCasesWithDistinctNames()
    {
        RefusalTable.Rows.Should().HaveCountGreaterThanOrEqualTo(60);
        RefusalTable.Rows.Select(r => r.Why).Should().OnlyHaveUniqueItems();
        RefusalTable.Rows.Should().OnlyContain(r => r.Status >= 400 && r.Status < 500);
    }

    [Fact]
    public async Task TheStationHasRowsInEveryTableSoAStrayUpdateOrDeleteWouldShow()
    {
        var snapshot = await DatabaseSnapshot.TakeAsync((await station.ReadyAsync()).Db);
        // An SLA breach needs an order past its deadline, which a station built a minute ago does not have.
        snapshot.EmptyTables.Should().BeEquivalentTo(["sla_breaches"]);
    }

    [Fact]
    public void EveryWriteRouteOfTheApiHasARowInTheRefusalTable()
    {
        var routes = station.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? [])
                .Where(m => WriteMethods.Contains(m)).Select(m => (Method: m, Pattern: "/" + e.RoutePattern.RawText!.Trim('/'))))
            .Distinct().ToList();

        var missing = routes.Where(r => !RefusalTable.Exempt.ContainsKey($"{r.Method} {r.Pattern}")
                && !RefusalTable.Rows.Any(row => row.Method == r.Method && Matches(r.Pattern, row.Path)))
            .Select(r => $"{r.Method} {r.Pattern}").ToList();

        routes.Should().HaveCountGreaterThan(40, "the API's write routes were found");
        missing.Should().BeEmpty("every write route needs a refused request in RefusalTable.Rows (or a reason in RefusalTable.Exempt)");
    }

    private static bool Matches(string pattern, string path)
    {
        var regex = "^" + string.Join("/", pattern.Split('/').Select(part => part.StartsWith('{') ? "[^/]+" : Regex.Escape(part))) + "$";
        return Regex.IsMatch("/" + path.Trim('/'), regex);
    }

    internal static HttpRequestMessage Request(Refused row, IReadOnlyDictionary<string, string> ids, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(row.Method), Fill(row.Path, ids));
        if (row.Body is not null) request.Content = Http.RawJson(Fill(row.Body, ids));
        if (row.Content is not null) request.Content = row.Content();
        if (row.IfMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", Fill(row.IfMatch, ids));
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    private static string Fill(string text, IReadOnlyDictionary<string, string> ids) => Placeholder().Replace(text, m =>
        ids.TryGetValue(m.Groups[1].Value, out var id) ? id : throw new KeyNotFoundException($"No id named {m.Value} in the station."));

    [GeneratedRegex(@"\{([A-Za-z]\w*)\}")]
    private static partial Regex Placeholder();
}
