using System.Net;
using System.Net.Http.Json;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Calendar;

public class CalendarApiTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static string[] Dates(System.Text.Json.Nodes.JsonObject body, string list) =>
        [.. body[list]!.AsArray().Select(d => d!.GetValue<string>())];

    [Fact]
    public async Task TheSeeded2026CalendarIsTheStateCouncilsNotice()
    {
        var d = await api.Data.ReadyAsync();

        var response = await d.FrontDesk.GetAsync("/api/v1/calendar/2026");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.ETag.Should().NotBeNull();
        var body = await response.Json();
        body["year"]!.GetValue<int>().Should().Be(2026);
        Dates(body, "workdays").Should().Equal("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10");
        Dates(body, "holidays").Should().HaveCount(33).And.Contain(["2026-02-15", "2026-02-23", "2026-06-19", "2026-09-25", "2026-10-07"])
            .And.NotContain("2026-10-08");
        Dates(await d.FrontDesk.GetOk("/api/v1/calendar/2025"), "workdays").Should().Equal("2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11");
        await (await d.FrontDesk.GetAsync("/api/v1/calendar/2027")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnAdminReplacesAYearAndTheETagGuardsAgainstALostUpdate()
    {
        var d = await api.Data.ReadyAsync();
        var url = "/api/v1/calendar/2031";
        var body = new { holidays = new[] { "2031-10-01", "2031-01-01" }, workdays = new[] { "2031-09-27" } };

        var created = await d.Admin.PutAsJsonAsync(url, body);
        created.StatusCode.Should().Be(HttpStatusCode.OK);
        var etag = created.Headers.ETag!.Tag;
        var replaced = await d.Admin.PutAsJsonAsync(url, new { year = 2031, holidays = new[] { "2031-05-01" }, workdays = Array.Empty<string>() });
        replaced.StatusCode.Should().Be(HttpStatusCode.OK, "without If-Match the last write wins (admin data)");
        var stale = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body), Headers = { { "If-Match", etag } } };

        await (await d.Admin.SendAsync(stale)).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        var now = await d.Admin.GetOk(url);
        Dates(now, "holidays").Should().Equal("2031-05-01");
        Dates(now, "workdays").Should().BeEmpty();
        await (await d.Manager.PutAsJsonAsync(url, body)).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    public static TheoryData<string, object, string> BadYears() => new()
    {
        { "a holiday of another year", new { holidays = new[] { "2030-10-01", "2031-01-01" }, workdays = Array.Empty<string>() }, "holidays[1]" },
        { "a workday of another year", new { holidays = Array.Empty<string>(), workdays = new[] { "2029-12-30" } }, "workdays[0]" },
        { "a day both holiday and workday", new { holidays = new[] { "2030-10-01" }, workdays = new[] { "2030-09-29", "2030-10-01" } }, "workdays[1]" },
        { "a day listed twice", new { holidays = new[] { "2030-10-01", "2030-10-01" }, workdays = Array.Empty<string>() }, "holidays[1]" },
        { "61 holidays", new { holidays = Enumerable.Range(0, 61).Select(i => new DateOnly(2030, 1, 1).AddDays(i).ToString("yyyy-MM-dd")).ToArray(), workdays = Array.Empty<string>() }, "holidays" },
        { "61 workdays", new { holidays = Array.Empty<string>(), workdays = Enumerable.Range(0, 61).Select(i => new DateOnly(2030, 3, 1).AddDays(i).ToString("yyyy-MM-dd")).ToArray() }, "workdays" },
        { "another year in the body", new { year = 2031, holidays = Array.Empty<string>(), workdays = Array.Empty<string>() }, "year" },
        { "no holidays list", new { workdays = Array.Empty<string>() }, "holidays" },
    };

    [Theory]
    [MemberData(nameof(BadYears))]
    public async Task ABadYearIs400NamingTheFieldAndWritesNothing(string why, object body, string field)
    {
        var d = await api.Data.ReadyAsync();
        var before = (await d.CountRows("calendar_years"), await d.CountRows("calendar_days"));

        await (await d.Admin.PutAsJsonAsync("/api/v1/calendar/2030", body)).ShouldBeProblem(HttpStatusCode.BadRequest, field);

        (await d.CountRows("calendar_years"), await d.CountRows("calendar_days")).Should().Be(before, why);
        await (await d.Admin.GetAsync("/api/v1/calendar/2030")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AYearOutsideTheRangeIsRefused()
    {
        var d = await api.Data.ReadyAsync();
        await (await d.Admin.GetAsync("/api/v1/calendar/1999")).ShouldBeProblem(HttpStatusCode.BadRequest, "year");
        await (await d.Admin.PutAsJsonAsync("/api/v1/calendar/2101", new { holidays = Array.Empty<string>(), workdays = Array.Empty<string>() }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "year");
    }

    [Fact]
    public async Task ReadinessIsDegradedNamingAYearWithoutACalendarAndHealthyOnceItIsEntered()
    {
        await api.Data.ReadyAsync();
        var client = api.CreateClient();
        (await client.GetStringAsync("/health/ready")).Should().Be("Healthy", "the test clock's year, 2026, is seeded");

        var december = new DateTimeOffset(2026, 12, 15, 2, 0, 0, TimeSpan.Zero) - api.Clock.GetUtcNow();
        api.Clock.Advance(december); // within a month of 2027, which has no data
        try
        {
            var response = await client.GetAsync("/health/ready");
            response.StatusCode.Should().Be(HttpStatusCode.OK, "a guessed calendar degrades the service, it does not stop it");
            (await response.Content.ReadAsStringAsync()).Should().StartWith("Degraded").And.Contain("2027");

            var admin = api.CreateClient(); // a token of December: the one cached in June has expired on the moved clock
            var token = await (await admin.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password = ApiFactory.AdminPassword })).Json();
            admin.DefaultRequestHeaders.Authorization = new("Bearer", token.Str("accessToken"));
            (await admin.PutAsJsonAsync("/api/v1/calendar/2027", new { holidays = new[] { "2027-01-01" }, workdays = Array.Empty<string>() }))
                .StatusCode.Should().Be(HttpStatusCode.OK);
            (await client.GetStringAsync("/health/ready")).Should().Be("Healthy");
        }
        finally
        {
            api.Clock.Advance(-december);
        }
    }
}
