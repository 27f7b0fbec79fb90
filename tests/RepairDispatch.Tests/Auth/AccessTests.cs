using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Auth;

public class AccessTests(StationFixture api) : IClassFixture<StationFixture>
{
    [Fact]
    public async Task NoTokenIs401()
    {
        await (await api.CreateClient().GetAsync("/api/v1/work-orders")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        await (await api.CreateClient().GetAsync("/api/v1/me")).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("expired")]
    [InlineData("garbage")]
    public async Task ForgedExpiredOrGarbageTokenIs401(string kind)
    {
        var d = await api.Data.ReadyAsync();
        var me = await d.Admin.GetOk("/api/v1/me");
        var key = kind == "forged" ? "another-key-that-the-server-never-saw-0123456789" : ApiFactory.SigningKey;
        var expires = kind == "expired" ? api.Clock.GetUtcNow().UtcDateTime.AddMinutes(-5) : api.Clock.GetUtcNow().UtcDateTime.AddMinutes(30);
        var token = kind == "garbage" ? "not.a.jwt" : new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "RepairDispatch",
            Audience = "repairdispatch-api",
            Claims = new Dictionary<string, object> { ["sub"] = me.Str("id"), ["name"] = "admin", ["role"] = "admin" },
            IssuedAt = expires.AddMinutes(-30),
            NotBefore = expires.AddMinutes(-30),
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        await (await client.GetAsync("/api/v1/me")).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TechnicianSeesOnlyTheirOwnJobs()
    {
        var d = await api.Data.ReadyAsync();
        var mine = (await d.NewWorkOrder()).Str("id");
        var theirs = (await d.NewWorkOrder()).Str("id");
        await d.Manager.PostOk($"/api/v1/work-orders/{mine}/assign", new { technicianId = d.TechnicianA }, HttpStatusCode.OK);
        await d.Manager.PostOk($"/api/v1/work-orders/{theirs}/assign", new { technicianId = d.TechnicianB }, HttpStatusCode.OK);

        (await d.TechA.GetAsync($"/api/v1/work-orders/{mine}")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await d.TechA.GetAsync($"/api/v1/work-orders/{theirs}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await d.TechA.GetAsync($"/api/v1/mobile/jobs/{theirs}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await d.TechA.GetAsync($"/api/v1/work-orders/{theirs}/events")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await d.TechA.PostAsync($"/api/v1/mobile/jobs/{theirs}/accept", null)).ShouldBeProblem(HttpStatusCode.NotFound);
        (await d.TechB.GetOk($"/api/v1/work-orders/{theirs}")).Str("status").Should().Be("Assigned", "A's attempt changed nothing");

        var list = await d.TechA.GetOk($"/api/v1/work-orders?technicianId={d.TechnicianB}");
        list["items"]!.AsArray().Should().NotBeEmpty().And.OnlyContain(o => o.Str("technicianId") == d.TechnicianA);
        var jobs = await d.TechA.GetOk("/api/v1/mobile/jobs");
        jobs["items"]!.AsArray().Select(o => o!["order"]!.Str("id")).Should().Contain(mine).And.NotContain(theirs);
    }

    public static TheoryData<string, string, string> Forbidden() => new()
    {
        { "finance", "POST", "/api/v1/work-orders" },
        { "technician", "POST", "/api/v1/work-orders" },
        { "frontdesk", "POST", "/api/v1/work-orders/{id}/assign" },
        { "finance", "POST", "/api/v1/work-orders/{id}/cancel" },
        { "technician", "POST", "/api/v1/work-orders/{id}/unassign" },
        { "frontdesk", "POST", "/api/v1/users" },
        { "manager", "POST", "/api/v1/users" },
        { "technician", "GET", "/api/v1/users" },
        { "frontdesk", "POST", "/api/v1/stores" },
        { "frontdesk", "POST", "/api/v1/mobile/jobs/{id}/accept" },
        { "manager", "GET", "/api/v1/mobile/jobs" },
        { "finance", "POST", "/api/v1/technicians" },
        { "frontdesk", "POST", "/api/v1/manufacturers" },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public async Task RolesGet403WhereDomainSaysNo(string role, string method, string url)
    {
        var d = await api.Data.ReadyAsync();
        var order = await d.NewWorkOrder();
        var client = role switch
        {
            "finance" => d.Finance, "technician" => d.TechA, "frontdesk" => d.FrontDesk, "manager" => d.Manager, _ => d.Admin,
        };
        var before = await d.CountRows("work_order_events");

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url.Replace("{id}", order.Str("id")))
        {
            Content = method == "GET" ? null : JsonContent.Create(new { reason = "because" }),
        });

        await response.ShouldBeProblem(HttpStatusCode.Forbidden);
        (await d.CountRows("work_order_events")).Should().Be(before);
    }

    [Fact]
    public async Task MeTellsWhoIsCalling()
    {
        var d = await api.Data.ReadyAsync();

        var me = await d.TechA.GetOk("/api/v1/me");

        me.Str("username").Should().Be("tech-a");
        me.Str("role").Should().Be("technician");
        me.Str("technicianId").Should().Be(d.TechnicianA);
    }
}
