using System.Net;
using RepairDispatch.Tests.Infrastructure;
using static RepairDispatch.Tests.Public.PublicKit;

namespace RepairDispatch.Tests.Public;

/// <summary>A station whose public routes allow few requests, to see the limits bite.</summary>
public sealed class TightLimitsStation : ApiFactory
{
    public TestData Data { get; }
    public TightLimitsStation() => Data = new TestData(this);

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var s = base.Settings;
            s["RepairDispatch:Public:RequestsPerMinutePerToken"] = "3";
            s["RepairDispatch:Public:RequestsPerMinutePerAddress"] = "8";
            return s;
        }
    }
}

/// <summary>Rate limits per token and per client address on the public routes (the built-in limiter), which staff routes do not share.</summary>
public class PublicRateLimitTests(TightLimitsStation api) : IClassFixture<TightLimitsStation>
{
    [Fact]
    public async Task OneTokenAndOneAddressAreEachLimited()
    {
        var d = await api.Data.ReadyAsync();
        var tokens = new List<string>();
        for (var i = 0; i < 4; i++) tokens.Add(await OrderToken(d, (await d.NewWorkOrder()).Str("id")));
        var anonymous = api.CreateClient();

        var sameToken = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) sameToken.Add((await anonymous.GetAsync($"/api/v1/public/orders/{tokens[0]}")).StatusCode);
        var otherTokens = new List<HttpStatusCode>();
        foreach (var token in tokens.Skip(1))
            for (var i = 0; i < 2; i++) otherTokens.Add((await anonymous.GetAsync($"/api/v1/public/orders/{token}")).StatusCode);
        var limited = await anonymous.GetAsync($"/api/v1/public/orders/{tokens[3]}");

        sameToken.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        // Each of these tokens is used twice, below its own limit: the address's limit (8 a minute) refuses them. A request
        // refused by its token's limit takes two of the address's permits (the middleware's quick try, then its wait).
        otherTokens.Should().StartWith(HttpStatusCode.OK).And.EndWith(HttpStatusCode.TooManyRequests);
        await limited.ShouldBeProblem(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.Should().NotBeNull();
        (await d.FrontDesk.GetAsync("/api/v1/work-orders")).StatusCode.Should().Be(HttpStatusCode.OK, "staff routes are not the public routes' budget");
    }
}
