using System.Net;
using System.Net.Http.Json;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.Auth;

public class TokenTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private async Task<HttpResponseMessage> Login(string username, string password) =>
        await api.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { username, password });

    [Fact]
    public async Task TokenResponseHasTheOutlinedFields()
    {
        var body = await (await Login("admin", ApiFactory.AdminPassword)).Json();

        body.Str("tokenType").Should().Be("Bearer");
        body.Str("role").Should().Be("admin");
        body.Str("accessToken").Should().NotBeNullOrEmpty();
        body.Str("refreshToken").Should().NotBeNullOrEmpty();
        DateTimeOffset.Parse(body.Str("expiresAt")).Should().BeAfter(api.Clock.GetUtcNow());
    }

    [Fact]
    public async Task RefreshTokenRotatesAndAReusedOneRevokesTheWholeFamily()
    {
        var first = await (await Login("admin", ApiFactory.AdminPassword)).Json();
        var client = api.CreateClient();

        var second = await client.PostOk("/api/v1/auth/refresh", new { refreshToken = first.Str("refreshToken") }, HttpStatusCode.OK);
        var replay = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = first.Str("refreshToken") });
        var afterTheft = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = second.Str("refreshToken") });

        second.Str("refreshToken").Should().NotBe(first.Str("refreshToken"));
        await replay.ShouldBeProblem(HttpStatusCode.Unauthorized);
        await afterTheft.ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RevokedRefreshTokenNoLongerWorks()
    {
        var login = await (await Login("admin", ApiFactory.AdminPassword)).Json();
        var client = api.CreateClient();

        (await client.PostAsJsonAsync("/api/v1/auth/revoke", new { refreshToken = login.Str("refreshToken") })).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = login.Str("refreshToken") })).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task WrongPasswordIs401AndRepeatedFailuresLockTheAccountWith429()
    {
        var admin = await api.AdminClient();
        var store = (await admin.GetOk("/api/v1/stores"))["items"]![0].Str("id");
        await admin.PostOk("/api/v1/users", new { username = "clumsy", password = ApiFactory.UserPassword, role = "frontdesk", storeId = store });

        for (var i = 0; i < 5; i++) await (await Login("clumsy", "wrong-password!")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        var locked = await Login("clumsy", ApiFactory.UserPassword);

        await locked.ShouldBeProblem(HttpStatusCode.TooManyRequests);
        int.Parse(locked.Headers.GetValues("Retry-After").Single()).Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task AdminCreatesUsersAndTheyCanLogIn()
    {
        var admin = await api.AdminClient();
        var store = (await admin.GetOk("/api/v1/stores"))["items"]![0].Str("id");

        var user = await admin.PostOk("/api/v1/users", new { username = "desk-new", password = ApiFactory.UserPassword, role = "frontdesk", storeId = store });
        var duplicate = await admin.PostAsJsonAsync("/api/v1/users", new { username = "desk-new", password = ApiFactory.UserPassword, role = "frontdesk", storeId = store });
        var weak = await admin.PostAsJsonAsync("/api/v1/users", new { username = "weak", password = "short", role = "frontdesk", storeId = store });
        var badRole = await admin.PostAsJsonAsync("/api/v1/users", new { username = "odd", password = ApiFactory.UserPassword, role = "king", storeId = store });

        user.Str("role").Should().Be("frontdesk");
        await duplicate.ShouldBeProblem(HttpStatusCode.Conflict);
        await weak.ShouldBeProblem(HttpStatusCode.BadRequest, "password");
        await badRole.ShouldBeProblem(HttpStatusCode.BadRequest, "role");
        (await Login("desk-new", ApiFactory.UserPassword)).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

public sealed class LowRateLimitFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var s = base.Settings;
            s["RepairDispatch:Auth:LoginRequestsPerMinute"] = "3";
            return s;
        }
    }
}

public class RateLimitTests(LowRateLimitFactory api) : IClassFixture<LowRateLimitFactory>
{
    [Fact]
    public async Task TooManyTokenRequestsAre429WithRetryAfter()
    {
        var client = api.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 5; i++)
        {
            last = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "nobody", password = "whatever-pass" });
            statuses.Add(last.StatusCode);
        }

        statuses.Take(3).Should().OnlyContain(s => s == HttpStatusCode.Unauthorized);
        await last.ShouldBeProblem(HttpStatusCode.TooManyRequests);
        last.Headers.RetryAfter.Should().NotBeNull();
    }
}
