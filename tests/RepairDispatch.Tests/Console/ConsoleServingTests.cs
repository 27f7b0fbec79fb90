using System.Net;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.Console;

/// <summary>The console is plain files served by the service itself, under a strict policy, without hiding API 404s.</summary>
public class ConsoleServingTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task RootServesTheConsoleWithAPolicyThatAllowsOnlyItsOwnFiles()
    {
        var response = await api.CreateClient().GetAsync("/");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("default-src 'self'").And.Contain("script-src 'self'").And.NotContain("unsafe-inline");
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("<script type=\"module\" src=\"/js/app.js\"></script>");
        html.Should().NotContainAny("https://", "http://", " style=", " onclick=");
    }

    [Fact]
    public async Task ModulesAreServedAsJavaScriptAndNothingComesFromAnotherOrigin()
    {
        var client = api.CreateClient();
        foreach (var module in new[] { "app", "api", "i18n", "ui", "desk", "desk-forms", "tickets", "followup", "dispatch", "routes", "finance", "finance-run", "payroll", "payroll-rules" })
        {
            var response = await client.GetAsync($"/js/{module}.js");
            response.StatusCode.Should().Be(HttpStatusCode.OK, module);
            response.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript", module);
            (await response.Content.ReadAsStringAsync()).Should().NotContain("://", $"{module}.js loads nothing from another origin");
        }
    }

    [Fact]
    public async Task AnUnknownApiPathIsStillA404Problem()
    {
        var client = await api.AdminClient();

        await (await client.GetAsync("/api/v1/no-such-thing")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/v1/no-such-thing.js")).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
