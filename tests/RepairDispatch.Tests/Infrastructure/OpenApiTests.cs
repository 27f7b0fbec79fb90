using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace RepairDispatch.Tests.Infrastructure;

public class OpenApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task EveryApiRouteIsDescribedWithItsAuthAndErrors()
    {
        var doc = JsonNode.Parse(await api.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var paths = doc["paths"]!.AsObject();
        var routes = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => p.StartsWith("/api/", StringComparison.Ordinal))
            .Select(p => System.Text.RegularExpressions.Regex.Replace(p, @"\{(\w+)(:\w+)?\}", "{$1}").TrimEnd('/'))
            .Distinct().ToList();

        routes.Should().NotBeEmpty();
        paths.Select(p => p.Key.TrimEnd('/')).Should().Contain(routes);
        doc["components"]!["securitySchemes"]!["bearer"]!["scheme"]!.GetValue<string>().Should().Be("bearer");
        var workOrders = paths["/api/v1/work-orders"]!["post"]!;
        workOrders["security"]!.AsArray().Should().NotBeEmpty();
        workOrders["responses"]!.AsObject().Select(r => r.Key).Should().Contain(["201", "400", "401", "403", "409", "429", "500"]);
        // Admin-only operations name their own scheme (an admin's token), so a client and a linter can tell them apart.
        paths["/api/v1/admin/outbox"]!["get"]!["security"]![0]!.AsObject().Select(r => r.Key).Should().Equal("adminBearer");
        workOrders["security"]![0]!.AsObject().Select(r => r.Key).Should().Equal("bearer");
    }

    [Fact]
    public async Task ScalarPageAndHealthAreServedWithoutAToken()
    {
        var client = api.CreateClient();

        (await client.GetAsync("/scalar")).IsSuccessStatusCode.Should().BeTrue();
        (await client.GetAsync("/health/live")).IsSuccessStatusCode.Should().BeTrue();
    }
}
