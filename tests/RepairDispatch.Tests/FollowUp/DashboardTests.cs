using System.Net;
using System.Net.Http.Headers;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.FollowUp;

/// <summary>The job dashboard is for admins and managers only: by bearer token, or by the cookie a manager's token buys.</summary>
public class DashboardTests(StationFixture api) : IClassFixture<StationFixture>
{
    private HttpClient Browser() => api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });

    [Fact]
    public async Task AnonymousTechniciansAndTheFrontDeskAreRefused()
    {
        var d = await api.Data.ReadyAsync();

        (await Browser().GetAsync("/hangfire")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await d.TechA.GetAsync("/hangfire")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await d.FrontDesk.GetAsync("/hangfire")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await d.TechA.PostAsync("/api/v1/auth/dashboard-session", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AManagerOpensItWithTheTokenOrWithTheDashboardCookie()
    {
        var d = await api.Data.ReadyAsync();
        (await d.Manager.GetAsync("/hangfire")).StatusCode.Should().Be(HttpStatusCode.OK);

        var browser = Browser();
        var token = d.Manager.DefaultRequestHeaders.Authorization!;
        var start = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/dashboard-session") { Headers = { Authorization = token } };
        var session = await browser.SendAsync(start);
        var page = await browser.GetAsync("/hangfire");

        session.StatusCode.Should().Be(HttpStatusCode.NoContent);
        session.Headers.GetValues("Set-Cookie").Single().Should().Contain("httponly").And.Contain("samesite=strict").And.Contain("path=/hangfire");
        page.StatusCode.Should().Be(HttpStatusCode.OK, "the cookie alone opens the dashboard");
        (await page.Content.ReadAsStringAsync()).Should().Contain("Hangfire");
        (await browser.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the cookie opens nothing but the dashboard");
    }
}
