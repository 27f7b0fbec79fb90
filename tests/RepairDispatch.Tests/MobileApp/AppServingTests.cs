using System.Net;
using System.Text.Json.Nodes;
using RepairDispatch.Tests.Infrastructure;
using SkiaSharp;

namespace RepairDispatch.Tests.MobileApp;

/// <summary>The technician's app is plain files served by the service under the console's strict policy, installable.</summary>
public class AppServingTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task TheAppIsServedUnderThePolicyThatAllowsOnlyItsOwnFiles()
    {
        var client = api.CreateClient();
        var response = await client.GetAsync("/m/");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("default-src 'self'").And.Contain("script-src 'self'").And.NotContain("unsafe-inline");
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("<script type=\"module\" src=\"/m/js/main.js\"></script>").And.Contain("<link rel=\"manifest\" href=\"/m/manifest.webmanifest\">");
        html.Should().NotContainAny("https://", "http://", " style=", " onclick=");
        (await client.GetAsync("/m/sw.js")).Headers.GetValues("Content-Security-Policy").Should().ContainSingle();
    }

    [Fact]
    public async Task ModulesAreJavaScriptAndImportNothingFromAnotherOrigin()
    {
        var client = api.CreateClient();
        foreach (var module in new[] { "main", "texts", "ui", "db", "net", "outbox", "jobs", "steps", "signature", "more", "qr" })
        {
            var response = await client.GetAsync($"/m/js/{module}.js");
            response.StatusCode.Should().Be(HttpStatusCode.OK, module);
            response.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript", module);
            (await response.Content.ReadAsStringAsync()).Should().NotContain("://", $"{module}.js loads nothing from another origin");
        }
    }

    [Fact]
    public async Task TheManifestMakesItInstallableWithItsOwnIcons()
    {
        var client = api.CreateClient();
        var response = await client.GetAsync("/m/manifest.webmanifest");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/manifest+json");
        var manifest = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        manifest.Str("start_url").Should().Be("/m/");
        manifest.Str("scope").Should().Be("/m/");
        manifest.Str("display").Should().Be("standalone");
        manifest.Str("lang").Should().Be("zh-CN");
        var icons = manifest["icons"]!.AsArray();
        icons.Select(i => i!.Str("sizes")).Should().Contain(["192x192", "512x512"]);
        icons.Should().Contain(i => i!.Str("purpose") == "maskable");
        foreach (var icon in icons)
        {
            using var bitmap = SKBitmap.Decode(await client.GetByteArrayAsync(icon!.Str("src")));
            $"{bitmap.Width}x{bitmap.Height}".Should().Be(icon.Str("sizes"));
        }
    }
}
