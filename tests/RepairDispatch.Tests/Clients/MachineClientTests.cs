using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.Clients;

/// <summary>
/// Machine clients (a till, a brand's integration): registered by an admin with scopes, a secret shown once and kept
/// hashed, exchanged for a short-lived token that no staff route accepts; rotation and revocation end the tokens out.
/// A token the service accepts but a route forbids answers 403; a token it no longer accepts answers 401.
/// </summary>
public class MachineClientTests(WorkOrders.StationFixture api) : IClassFixture<WorkOrders.StationFixture>
{
    private static readonly string[] StaffRoutes = ["/api/v1/work-orders", "/api/v1/customers?phone=13900000000", "/api/v1/me", "/api/v1/technicians", "/api/v1/clients"];

    private async Task<(string Id, string Secret)> Register(string name, params string[] scopes)
    {
        var admin = await api.AdminClient();
        var created = await admin.PostOk("/api/v1/clients", new { name, scopes });
        created.Str("clientSecret").Should().StartWith("rds_");
        return (created.Str("clientId"), created.Str("clientSecret"));
    }

    private async Task<HttpClient> WithToken(string token)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Task.FromResult(client);
    }

    private async Task<HttpResponseMessage> Exchange(string id, string secret) =>
        await api.CreateClient().PostAsJsonAsync("/api/v1/auth/client-token", new { clientId = id, clientSecret = secret });

    private async Task<string> TokenOf(string id, string secret)
    {
        var answer = await Exchange(id, secret);
        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await TestData.Body(answer);
        body["scopes"]!.AsArray().Select(s => s!.GetValue<string>()).Should().NotBeEmpty();
        return body.Str("accessToken");
    }

    [Fact]
    public async Task AClientTokenCarriesItsScopesAndNoStaffRouteAcceptsIt()
    {
        var (id, secret) = await Register("门店 POS " + Guid.NewGuid().ToString("N")[..6], "sales:write", "manufacturer-orders:write");
        var answer = await TestData.Body(await Exchange(id, secret));
        answer["scopes"]!.AsArray().Select(s => s!.GetValue<string>()).Should().BeEquivalentTo("manufacturer-orders:write", "sales:write");
        answer.Str("tokenType").Should().Be("Bearer");
        var client = await WithToken(answer.Str("accessToken"));

        foreach (var route in StaffRoutes)
            (await client.GetAsync(route)).StatusCode.Should().Be(HttpStatusCode.Forbidden, route);
        (await client.PostAsJsonAsync("/api/v1/customers", new { name = "甲", phones = new[] { "13900000001" } })).StatusCode
            .Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheSecretIsShownOnceAndKeptOnlyAsAHash()
    {
        var name = "ERP " + Guid.NewGuid().ToString("N")[..6];
        var (id, secret) = await Register(name, "sales:write");
        var admin = await api.AdminClient();

        var listed = (await admin.GetOk("/api/v1/clients"))["items"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == id)!.AsObject();
        listed.Str("name").Should().Be(name);
        listed.ToJsonString().Should().NotContain(secret).And.NotContain("secret\"");
        (await admin.GetOk($"/api/v1/clients/{id}")).ToJsonString().Should().NotContain(secret);
        await using var c = await api.Services.GetRequiredService<RepairDispatch.Api.Infrastructure.Db>().OpenAsync();
        var stored = await c.ExecuteScalarAsync<string>("SELECT secret_hash FROM api_clients WHERE id = @id", new { id = Guid.Parse(id) });
        stored.Should().NotContain(secret).And.HaveLength(64);
        (await (await api.Data.ReadyAsync()).Manager.GetAsync("/api/v1/clients")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RotationEndsTheOldSecretAndItsTokensAtOnce()
    {
        var (id, secret) = await Register("集成脚本 " + Guid.NewGuid().ToString("N")[..6], "manufacturer-orders:write");
        var old = await WithToken(await TokenOf(id, secret));
        (await old.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the token is good, the route is for people");

        var admin = await api.AdminClient();
        var rotated = await admin.PostOk($"/api/v1/clients/{id}/rotate-secret", null, HttpStatusCode.OK);
        var newSecret = rotated.Str("clientSecret");
        newSecret.Should().NotBe(secret);
        rotated["client"]!["secretVersion"]!.GetValue<int>().Should().Be(2);

        (await Exchange(id, secret)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await old.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a token of the old secret is refused");
        var fresh = await WithToken(await TokenOf(id, newSecret));
        (await fresh.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ARevokedClientGetsNoTokenAndItsTokensStopWorking()
    {
        var (id, secret) = await Register("旧收银系统 " + Guid.NewGuid().ToString("N")[..6], "sales:write");
        var token = await WithToken(await TokenOf(id, secret));
        var admin = await api.AdminClient();

        var revoked = await admin.PostOk($"/api/v1/clients/{id}/revoke", null, HttpStatusCode.OK);
        revoked["active"]!.GetValue<bool>().Should().BeFalse();

        (await token.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var refused = await (await Exchange(id, secret)).ShouldBeProblem(HttpStatusCode.Unauthorized);
        refused.Str("type").Should().EndWith("/invalid-client");
        (await admin.PostAsync($"/api/v1/clients/{id}/rotate-secret", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AClientTokenExpires()
    {
        var (id, secret) = await Register("短时令牌 " + Guid.NewGuid().ToString("N")[..6], "sales:write");
        var answer = await TestData.Body(await Exchange(id, secret));
        var client = await WithToken(answer.Str("accessToken"));
        (await client.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        api.Clock.Advance(TimeSpan.FromMinutes(31));
        try
        {
            (await client.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
        finally
        {
            api.Clock.Advance(TimeSpan.FromMinutes(-31));
        }
    }

    [Theory]
    [InlineData("en", "Unknown scope orders:delete")]
    [InlineData("zh-CN", "未知的权限范围 orders:delete")]
    public async Task AnUnknownScopeIsNamedInTheCallersLanguage(string language, string expected)
    {
        var admin = await api.AdminClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/clients") { Content = JsonContent.Create(new { name = "x-" + language, scopes = new[] { "orders:delete" } }) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        var problem = await (await admin.SendAsync(request)).ShouldBeProblem(HttpStatusCode.BadRequest, "scopes");
        problem["errors"]!["scopes"]![0]!.GetValue<string>().Should().StartWith(expected);
    }
}
