using System.Net;
using System.Net.Http.Json;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.Settlements;
using RepairDispatch.Tests.WorkOrders;
using static RepairDispatch.Tests.Claims.ClaimSetup;

namespace RepairDispatch.Tests.Statements;

/// <summary>
/// Issue 15's "done when" through the API: a month of claims; a statement in a layout never seen before (a GBK CSV with
/// its own headers, a title, amounts as text, a totals row) mapped from its preview; reconciled with every fen
/// explained; accepted; partly paid; the rejected claim resubmitted into the next run; and the receivables aged at
/// each step. Moves its station's clock.
/// </summary>
public class StatementJourneyTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static readonly string[] TheirHeaders = ["服务单号", "产品条码", "服务完成时间", "索赔金额", "结算金额", "扣款说明", "结果"];

    [Fact]
    public async Task AMonthOfClaimsIsReconciledAcceptedPartlyPaidResubmittedAndAged()
    {
        var d = await api.Data.ReadyAsync();
        var period = TestData.StationToday().ToString("yyyy-MM");
        var maker = await SettlementRunTests.ManufacturerWithCompletedOrders(d, "Minor", "Major", "Minor", "Major");
        var run = (await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period })).Str("id");
        await d.Finance.PostOk($"/api/v1/settlements/runs/{run}/submit", null, HttpStatusCode.OK);
        var c = await RunClaims.OfAsync(api, run);
        decimal Yuan(long fen) => fen / 100m;
        string Text(long fen) => $"¥{fen / 100m:#,0.00}".Replace('1', '１'); // as text, full-width ones
        var file = TestStatements.Csv([
            ["某品牌售后服务网点结算明细（" + Guid.NewGuid().ToString("N")[..6] + "）"],
            ["打印时间：2026年7月1日"],
            TheirHeaders,
            [c[0].Number, "", "", Text(c[0].AmountFen), Text(c[0].AmountFen), "", "审核通过"],
            [c[1].Number, "", "", Text(c[1].AmountFen), Text(c[1].AmountFen - 1000), "旧件未按期返厂，扣10元", "审核通过"],
            [c[2].Number, "", "", Text(c[2].AmountFen), "0", "铭牌照片缺失", "驳回"],
            ["WO-NOT-OURS-1", "", "", "¥66.00", "¥66.00", "", "审核通过"],
            ["总计", "", "", "", "", "", ""],
        ], TestStatements.Gbk());

        var unmapped = await Preview(d, maker, file);
        var mapping = new
        {
            columns = new { workOrderNumber = "服务单号", serialNumber = "产品条码", completedOn = "服务完成时间", claimedAmount = "索赔金额",
                approvedAmount = "结算金额", deductionReason = "扣款说明", status = "结果" },
            rejectedWords = new[] { "驳回" },
            reasons = new[] { new { contains = "旧件", reason = "PartNotReturned" }, new { contains = "照片", reason = "MissingEvidence" } },
        };
        (await d.Finance.PutAsJsonAsync($"/api/v1/manufacturers/{maker}/statement-mapping", mapping)).EnsureSuccessStatusCode();
        var mapped = await Preview(d, maker, file);
        var imported = await d.Finance.PostAsync("/api/v1/settlements/statements", TestStatements.Form(file, maker, period, "结算明细.csv"));
        imported.StatusCode.Should().Be(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        var statement = (await imported.Json()).Str("id");
        var reconciliation = await d.Finance.GetOk($"/api/v1/settlements/statements/{statement}/reconciliation");
        await d.Finance.PostOk($"/api/v1/settlements/statements/{statement}/accept", null, HttpStatusCode.OK);
        var owedAfterAccept = await Owed(d.Finance, maker, TestData.StationToday());
        await d.Finance.PostOk("/api/v1/settlements/payments", new
        {
            manufacturerId = maker, amount = 50m, receivedOn = TestData.StationToday().ToString("yyyy-MM-dd"),
            reference = "BANK-" + Guid.NewGuid().ToString("N")[..10], statementIds = new[] { statement },
        });
        var owedAfterPayment = await Owed(d.Finance, maker, TestData.StationToday());
        var resubmitted = await d.Finance.PostOk($"/api/v1/claims/{c[2].WorkOrderId}/resubmit", new { note = "铭牌已补拍上传" }, HttpStatusCode.OK);

        unmapped["headerRow"].Should().BeNull("no mapping yet: the preview shows the file's first rows to map from");
        unmapped["topRows"]!.AsArray().SelectMany(r => r!.AsArray()).Select(x => x?.ToString()).Should().Contain("结算金额");
        mapped["headerRow"]!.GetValue<int>().Should().Be(3);
        mapped["problems"]!.AsArray().Should().BeEmpty();
        reconciliation["items"]!.AsArray().Select(i => i.Str("outcome")).Should().BeEquivalentTo(
            ["Matched", "AmountDiffers", "Rejected", "UnknownToUs", "MissingOnTheirSide"]);
        reconciliation["identity"]!["holds"]!.GetValue<bool>().Should().BeTrue("every fen we claimed is approved, cut, rejected or missing");
        var claimed = c.Sum(x => x.AmountFen);
        reconciliation["totals"]!["ours"]!.GetValue<decimal>().Should().Be(Yuan(claimed));
        reconciliation["items"]!.AsArray().Single(i => i.Str("outcome") == "Rejected")!["reasonCode"]!.Str("code").Should().Be("rejection.missing-evidence");
        var owedNow = claimed - 1000 - c[2].AmountFen; // the cut and the rejection are not owed; the missing claim still is
        owedAfterAccept.Should().Be(Yuan(owedNow));
        owedAfterPayment.Should().Be(Yuan(owedNow - 5000));
        resubmitted.Str("state").Should().Be("Ready");

        var back = api.Clock.GetUtcNow();
        try
        {
            api.Clock.Set(back.AddMonths(1).AddDays(5 - TestData.StationToday().Day));
            var finance = await SignInNow(api, "finance1");
            var next = await finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = TestData.StationToday().AddMonths(1).ToString("yyyy-MM") });
            await finance.PostOk($"/api/v1/settlements/runs/{next.Str("id")}/submit", null, HttpStatusCode.OK);
            next["total"]!.GetValue<decimal>().Should().Be(Yuan(c[2].AmountFen), "the resubmitted claim goes out again, alone");
            (await Owed(finance, maker, TestData.StationToday().AddDays(40))).Should().Be(Yuan(owedNow - 5000 + c[2].AmountFen),
                "owed again once resubmitted, and now 31–60 days old");
            var aged = (await finance.GetOk($"/api/v1/reports/receivables?asOf={TestData.StationToday().AddDays(40):yyyy-MM-dd}&manufacturerId={maker}"))["items"]![0]!;
            aged["buckets"]!["d31_60"]!.GetValue<decimal>().Should().Be(Yuan(owedNow - 5000 + c[2].AmountFen));
        }
        finally
        {
            api.Clock.Set(back);
        }
    }

    private static async Task<System.Text.Json.Nodes.JsonObject> Preview(TestData d, string maker, byte[] file)
    {
        var response = await d.Finance.PostAsync("/api/v1/settlements/statements/preview", TestStatements.Form(file, maker, fileName: "结算明细.csv"));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Json();
    }

    private static async Task<decimal> Owed(HttpClient finance, string maker, DateOnly asOf)
    {
        var items = (await finance.GetOk($"/api/v1/reports/receivables?asOf={asOf:yyyy-MM-dd}&manufacturerId={maker}"))["items"]!.AsArray();
        return items.Count == 0 ? 0 : items[0]!["total"]!.GetValue<decimal>();
    }
}
