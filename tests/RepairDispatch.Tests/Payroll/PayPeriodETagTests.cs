using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RepairDispatch.Tests.Infrastructure;
using static RepairDispatch.Tests.Payroll.PaySetup;

namespace RepairDispatch.Tests.Payroll;

/// <summary>A month's ETag names its figures: the manager approves under If-Match exactly what he was shown (the console's approval).</summary>
public class PayPeriodETagTests
{
    [Fact]
    public async Task AnApprovalUnderAStaleIfMatchIsRefusedAndTheMonthStaysOpenToTheFiguresShownLast()
    {
        await using var p = await StationAsync();
        await Rules(p, "2026-01-01", [new { type = "Repair", amount = 80m }]);
        await p.RepairByA();
        var calculated = await p.Finance.PostAsync($"/api/v1/payroll/periods/{June}/calculate", null);
        calculated.StatusCode.Should().Be(HttpStatusCode.OK);
        var shown = await p.Manager.GetAsync($"/api/v1/payroll/periods/{June}");
        var etag = shown.Headers.ETag!.Tag;
        etag.Should().Be(calculated.Headers.ETag!.Tag, "the same figures are the same version, whoever reads them");
        var inEnglish = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/payroll/periods/{June}") { Headers = { { "Accept-Language", "en" } } };
        (await p.Manager.SendAsync(inEnglish)).Headers.ETag!.Tag.Should().Be(etag, "the wording's language is not part of it");

        await p.RepairByA();
        var recalculated = await p.Finance.PostAsync($"/api/v1/payroll/periods/{June}/calculate", null);
        recalculated.Headers.ETag!.Tag.Should().NotBe(etag, "a second job changed the figures");

        var stale = await ApproveUnder(p.Manager, etag);
        var problem = await stale.ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        problem.Str("currentETag").Should().Be(recalculated.Headers.ETag!.Tag);
        (await p.Manager.GetOk($"/api/v1/payroll/periods/{June}"))["status"]!.GetValue<string>().Should().Be("Calculated");

        var approved = await ApproveUnder(p.Manager, recalculated.Headers.ETag!.Tag);
        approved.StatusCode.Should().Be(HttpStatusCode.OK);
        (await approved.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>().Should().Be("Approved");
        approved.Headers.ETag!.Tag.Should().NotBe(recalculated.Headers.ETag!.Tag, "approving changes the month's state");
    }

    [Fact]
    public async Task ApprovingAMonthNotCalculatedNamesTheStoreByItsCode()
    {
        await using var p = await StationAsync();
        var refused = await p.Manager.PostAsync($"/api/v1/payroll/periods/{June}/approve", null);
        var problem = await refused.ShouldBeProblem(HttpStatusCode.Conflict);
        problem.Str("detail").Should().Contain("MAIN").And.NotContain(p.D.StoreId);
    }

    private static Task<HttpResponseMessage> ApproveUnder(HttpClient client, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/payroll/periods/{June}/approve");
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return client.SendAsync(request);
    }
}
