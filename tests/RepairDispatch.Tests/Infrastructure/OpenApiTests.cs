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

    [Fact]
    public async Task RequiredMeansAlwaysSentOrMustBeSentAndProblemsMayCarryExtensions()
    {
        var schemas = JsonNode.Parse(await api.CreateClient().GetStringAsync("/openapi/v1.json"))!["components"]!["schemas"]!;
        string[] Required(string name) => schemas[name]!["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToArray() ?? [];

        // Nulls are omitted, so what may be null is optional; what can never be null is always there.
        Required("WorkOrderResponse").Should().Contain(["id", "status", "warranty", "version"])
            .And.NotContain(["technicianId", "contractId", "appointment", "route", "resolution"]);
        Required("JobStepRequest").Should().BeEmpty("occurredAt is optional");
        Required("CreateManufacturerRequest").Should().Equal("name");
        Required("CompleteJobRequest").Should().BeEquivalentTo(["mainPart", "labourMinutes"], "[Required] fields must be sent, notes need not");
        schemas["CompleteJobRequest"]!["properties"]!["mainPart"]!["type"]!.GetValue<string>().Should().Be("boolean", "null is refused");
        Required("ProblemDetails").Should().BeEquivalentTo(["type", "title", "status"]);
        schemas["ProblemDetails"]!["additionalProperties"].Should().BeNull("traceId, currentETag and currentStatus are extension members");
        Required("HttpValidationProblemDetails").Should().Contain("errors");
    }

    [Theory]
    [InlineData("/api/v1/work-orders/{id}", "patch", true)]
    [InlineData("/api/v1/work-orders/{id}/cancel", "post", false)]
    [InlineData("/api/v1/mobile/jobs/{id}/accept", "post", false)]
    [InlineData("/api/v1/calendar/{year}", "put", false)]
    [InlineData("/api/v1/work-orders/{id}/payments", "post", null)]
    [InlineData("/api/v1/work-orders/{id}/rework", "post", null)]
    public async Task IfMatchIsDeclaredWhereItIsHonouredAndRequiredWhereItMustBeSent(string path, string method, bool? required)
    {
        var operation = JsonNode.Parse(await api.CreateClient().GetStringAsync("/openapi/v1.json"))!["paths"]![path]![method]!;
        var ifMatch = operation["parameters"]?.AsArray().SingleOrDefault(p => p!["name"]!.GetValue<string>() == "If-Match");

        if (required is null)
        {
            ifMatch.Should().BeNull("{0} {1} ignores If-Match", method, path);
            return;
        }
        ifMatch!["in"]!.GetValue<string>().Should().Be("header");
        (ifMatch["required"]?.GetValue<bool>() ?? false).Should().Be(required.Value);
    }

    [Fact]
    public async Task TheContractCheckerCatchesABodyTheDocumentDoesNotAllow()
    {
        var contract = await api.Contract();
        var json = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var problem = new System.Net.Http.Headers.MediaTypeHeaderValue("application/problem+json");

        contract.Check(HttpMethod.Get, "/api/v1/me", null, null, 200, json,
            """{"id":"0199a7d6-0000-7000-8000-000000000001","username":"ann","role":"Manager"}""").Should().BeEmpty();
        contract.Check(HttpMethod.Get, "/api/v1/me", null, null, 200, json, """{"id":"0199a7d6-0000-7000-8000-000000000001","role":"Manager"}""")
            .Should().ContainSingle().Which.Should().Contain("GET /api/v1/me → 200").And.Contain("required").And.Contain("username");
        contract.Check(HttpMethod.Get, "/api/v1/me", null, null, 200, json,
            """{"id":"0199a7d6-0000-7000-8000-000000000001","username":"ann","role":"Manager","extra":1}""")
            .Should().NotBeEmpty().And.Contain(v => v.Contains("additionalProperties"));
        contract.Check(HttpMethod.Get, "/api/v1/work-orders/0199a7d6-0000-7000-8000-000000000001", null, null, 404, problem,
            """{"type":"t","title":"Not found.","status":404,"traceId":"x","currentStatus":"Assigned"}""").Should().BeEmpty();
        contract.Check(HttpMethod.Get, "/api/v1/work-orders/0199a7d6-0000-7000-8000-000000000001", null, null, 404, problem,
            """{"title":"Not found.","status":true}""").Should().Contain(v => v.Contains("'required'")).And.Contain(v => v.Contains("'/status'") && v.Contains("'type'"));
        contract.Check(HttpMethod.Get, "/api/v1/me", null, null, 418, json, "{}").Should().ContainSingle().Which.Should().Contain("not declared");
        contract.Check(HttpMethod.Get, "/api/v1/me", null, null, 200, json,
            """{"id":"0199a7d6-0000-7000-8000-000000000001","username":"ann","role":"Manager"}""", "?storeId=x")
            .Should().ContainSingle().Which.Should().Contain("query parameter 'storeId' is not declared");
    }

    [Fact]
    public async Task ATestClientFailsOnAResponseThatBreaksTheDocument()
    {
        var wrongMe = new StubHandler("""{"id":"0199a7d6-0000-7000-8000-000000000001","username":7,"role":"Manager"}""");
        using var client = new HttpClient(new OpenApiValidatingHandler(api.Contract) { InnerHandler = wrongMe }) { BaseAddress = new Uri("http://localhost") };

        var thrown = await FluentActions.Awaiting(() => client.GetAsync("/api/v1/me")).Should().ThrowAsync<OpenApiViolationException>();
        thrown.Which.Message.Should().Contain("GET /api/v1/me → 200").And.Contain("'/username'").And.Contain("'type'");
    }

    private sealed class StubHandler(string json) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") });
    }
}
