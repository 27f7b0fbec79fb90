using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.Settlements;
using RepairDispatch.Tests.WorkOrders;
using static RepairDispatch.Tests.Claims.ClaimSetup;

namespace RepairDispatch.Tests.Statements;

/// <summary>Accepting a reconciled statement and resubmitting what it rejected, through the API. Moves its station's clock.</summary>
public class StatementAcceptanceTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static string Period => TestData.StationToday().ToString("yyyy-MM");
    private static decimal Yuan(long fen) => fen / 100m;

    [Fact]
    public async Task AcceptingWritesTheCutsAndRejectionsOnceLeavesMissingClaimsOpenAndALaterStatementSettlesThem()
    {
        var d = await api.Data.ReadyAsync();
        var (maker, run, claims) = await SubmittedMonth(d, "Minor", "Major", "Minor", "Major");
        var (exact, cut, rejected, missing) = (claims[0], claims[1], claims[2], claims[3]);
        var id = await Import(d, maker, Period,
            [1, exact.Number, "HR1", null, null, Yuan(exact.AmountFen), Yuan(exact.AmountFen), null, null, "通过"],
            [2, cut.Number, "HR2", null, null, Yuan(cut.AmountFen), "¥" + Yuan(cut.AmountFen - 1050), 10.5, "旧件未返厂", "通过"],
            [3, rejected.Number, "HR3", null, null, Yuan(rejected.AmountFen), 0, null, "机身条码无效", "驳回"],
            [4, "WO-19990101-9999", "HR4", null, null, 50, 50, null, null, "通过"]);
        var before = await d.Finance.GetOk($"/api/v1/settlements/statements/{id}/reconciliation");

        var accepted = await d.Finance.PostOk($"/api/v1/settlements/statements/{id}/accept", null, HttpStatusCode.OK);
        var twice = await (await d.Finance.PostAsync($"/api/v1/settlements/statements/{id}/accept", null)).ShouldBeProblem(HttpStatusCode.Conflict);
        var after = await d.Finance.GetOk($"/api/v1/settlements/statements/{id}/reconciliation");
        var runAfter = await d.Finance.GetOk($"/api/v1/settlements/runs/{run}");
        var adjustments = (await d.Finance.GetOk($"/api/v1/settlements/runs/{run}/lines"))["items"]!.AsArray()
            .Where(l => l!["adjustsLineId"] is not null).ToList();

        before.Str("status").Should().Be("Imported");
        accepted["settled"]!.GetValue<int>().Should().Be(3, "matched, cut and rejected are answered; missing and unknown are not");
        accepted["adjustments"]!.GetValue<int>().Should().Be(2);
        accepted["adjustmentTotal"]!.GetValue<decimal>().Should().Be(-10.50m - Yuan(rejected.AmountFen));
        accepted["approved"]!.GetValue<decimal>().Should().Be(before["identity"]!["theirApprovedForOurClaims"]!.GetValue<decimal>());
        accepted["leftOpen"]!.GetValue<int>().Should().Be(1);
        accepted["unknownToUs"]!.GetValue<int>().Should().Be(1);
        adjustments.Select(l => l!["amount"]!.GetValue<decimal>()).Should().BeEquivalentTo([-10.50m, -Yuan(rejected.AmountFen)]);
        adjustments.Select(l => l.Str("workOrderId")).Should().BeEquivalentTo([cut.WorkOrderId.ToString(), rejected.WorkOrderId.ToString()]);
        runAfter["total"]!.GetValue<decimal>().Should().Be(before["identity"]!["theirApprovedForOurClaims"]!.GetValue<decimal>()
            + before["identity"]!["missingOnTheirSide"]!.GetValue<decimal>(), "the run now holds what they approved plus what they have not answered, to the fen");
        twice.Str("type").Should().EndWith("statement-already-accepted");
        twice["acceptedBy"]!.GetValue<string>().Should().Be(accepted.Str("acceptedBy"));
        after.Str("status").Should().Be("Accepted");
        after.Str("acceptedBy").Should().Be(accepted.Str("acceptedBy"));
        after["identity"]!.ToJsonString().Should().Be(before["identity"]!.ToJsonString(), "the accepted statement still reconciles as it did");
        (await SettledRows(missing.WorkOrderId)).Should().BeEmpty("a claim they did not answer stays open");

        // A second file for the month answers the missing claim, and names the exact one again.
        var later = await Import(d, maker, Period,
            [1, missing.Number, "HR5", null, null, Yuan(missing.AmountFen), Yuan(missing.AmountFen), null, null, "通过"],
            [2, exact.Number, "HR6", null, null, Yuan(exact.AmountFen), Yuan(exact.AmountFen), null, null, "通过"]);
        var laterBefore = await d.Finance.GetOk($"/api/v1/settlements/statements/{later}/reconciliation");
        var second = await d.Finance.PostOk($"/api/v1/settlements/statements/{later}/accept", null, HttpStatusCode.OK);
        var firstAgain = await d.Finance.GetOk($"/api/v1/settlements/statements/{id}/reconciliation");

        laterBefore["totals"]!["missingOnTheirSide"]!["count"]!.GetValue<int>().Should().Be(0, "the first statement answered the month's other claims");
        laterBefore["identity"]!["holds"]!.GetValue<bool>().Should().BeTrue();
        firstAgain["identity"]!.ToJsonString().Should().Be(before["identity"]!.ToJsonString(), "an accepted statement reconciles as when it was accepted");

        second["settled"]!.GetValue<int>().Should().Be(1);
        second["alreadyAnswered"]!.GetValue<int>().Should().Be(1, "the exact claim was answered by the first statement");
        second["adjustments"]!.GetValue<int>().Should().Be(0);
        (await SettledRows(missing.WorkOrderId)).Should().Equal(("Matched", missing.AmountFen));
        (await SettledRows(exact.WorkOrderId)).Should().Equal(("Matched", exact.AmountFen));
        (await SettledRows(rejected.WorkOrderId)).Should().Equal(("Rejected", 0L));
        await (await d.Finance.PostAsync($"/api/v1/settlements/statements/{Guid.NewGuid()}/accept", null)).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AFixableRejectionIsResubmittedIntoTheNextRunOnceLinkedAndPaidOnce()
    {
        var d = await api.Data.ReadyAsync();
        var (maker, _, claims) = await SubmittedMonth(d, "Minor", "Major", "Minor");
        var (approved, fixable, late) = (claims[0], claims[1], claims[2]);
        var id = await Import(d, maker, Period,
            [1, approved.Number, "HR1", null, null, Yuan(approved.AmountFen), Yuan(approved.AmountFen), null, null, "通过"],
            [2, fixable.Number, "HR2", null, null, Yuan(fixable.AmountFen), 0, null, "机身条码无效", "驳回"],
            [3, late.Number, "HR3", null, null, Yuan(late.AmountFen), 0, null, "超过申报期限", "驳回"]);
        var note = new { note = "条码已重新拍照上传" };
        var beforeAccept = await (await d.Finance.PostAsJsonAsync($"/api/v1/claims/{fixable.WorkOrderId}/resubmit", note)).ShouldBeProblem(HttpStatusCode.Conflict);
        await d.Finance.PostOk($"/api/v1/settlements/statements/{id}/accept", null, HttpStatusCode.OK);

        var notFixable = await (await d.Finance.PostAsJsonAsync($"/api/v1/claims/{late.WorkOrderId}/resubmit", note)).ShouldBeProblem(HttpStatusCode.Conflict);
        var paid = await (await d.Finance.PostAsJsonAsync($"/api/v1/claims/{approved.WorkOrderId}/resubmit", note)).ShouldBeProblem(HttpStatusCode.Conflict);
        var resubmitted = await d.Finance.PostOk($"/api/v1/claims/{fixable.WorkOrderId}/resubmit", note, HttpStatusCode.OK);
        var again = await (await d.Manager.PostAsJsonAsync($"/api/v1/claims/{fixable.WorkOrderId}/resubmit", note)).ShouldBeProblem(HttpStatusCode.Conflict);

        beforeAccept.Str("type").Should().EndWith("claim-not-rejected");
        notFixable.Str("type").Should().EndWith("claim-not-fixable");
        paid.Str("type").Should().EndWith("claim-already-paid");
        resubmitted.Str("state").Should().Be("Ready", "its contract asks for nothing more, and its deadline no longer counts");
        again.Str("type").Should().EndWith("claim-resubmission-pending");

        var back = api.Clock.GetUtcNow();
        var nextPeriod = TestData.StationToday().AddMonths(1).ToString("yyyy-MM");
        var afterNext = TestData.StationToday().AddMonths(2).ToString("yyyy-MM");
        try
        {
            api.Clock.Set(back.AddMonths(1).AddDays(5 - TestData.StationToday().Day));
            var finance = await SignInNow(api, "finance1");
            var next = await finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = nextPeriod });
            var copies = await CopiesOf(fixable.WorkOrderId);

            next["lineCount"]!.GetValue<long>().Should().Be(copies.Count).And.BeGreaterThan(0);
            next["total"]!.GetValue<decimal>().Should().Be(Yuan(fixable.AmountFen), "the claim is sent again at what we claimed");
            copies.Should().OnlyContain(c => c.RunId == next.Str("id"));
            (await Claim(finance, maker, fixable.WorkOrderId.ToString())).Str("runId").Should().Be(next.Str("id"));
            await finance.PostOk($"/api/v1/settlements/runs/{next.Str("id")}/submit", null, HttpStatusCode.OK);
            var owedAgain = await finance.GetOk($"/api/v1/reports/receivables?asOf={TestData.StationToday().AddMonths(1):yyyy-MM-dd}&manufacturerId={maker}");
            owedAgain["items"]![0]!["total"]!.GetValue<decimal>().Should().Be(Yuan(approved.AmountFen + fixable.AmountFen),
                "the approved claim is owed, the late one was rejected for good, and the resubmitted one is owed again");

            var answer = await Import(d, maker, nextPeriod, finance,
                [1, fixable.Number, "HR9", null, null, Yuan(fixable.AmountFen), Yuan(fixable.AmountFen), null, null, "通过"]);
            var reconciliation = await finance.GetOk($"/api/v1/settlements/statements/{answer}/reconciliation");
            var accepted = await finance.PostOk($"/api/v1/settlements/statements/{answer}/accept", null, HttpStatusCode.OK);
            var paidNow = await (await finance.PostAsJsonAsync($"/api/v1/claims/{fixable.WorkOrderId}/resubmit", note)).ShouldBeProblem(HttpStatusCode.Conflict);

            reconciliation["items"]!.AsArray().Select(i => (i.Str("outcome"), i!["ourAmount"]!.GetValue<decimal>()))
                .Should().Equal([("Matched", Yuan(fixable.AmountFen))], "the resubmitted lines replace the rejected ones: the claim is not counted twice");
            reconciliation["identity"]!["holds"]!.GetValue<bool>().Should().BeTrue();
            accepted["settled"]!.GetValue<int>().Should().Be(1);
            paidNow.Str("type").Should().EndWith("claim-already-paid");
            (await SettledRows(fixable.WorkOrderId)).Should().Equal(("Rejected", 0L), ("Matched", fixable.AmountFen));

            api.Clock.Set(back.AddMonths(2).AddDays(5 - TestData.StationToday().Day));
            finance = await SignInNow(api, "finance1");
            var later = await finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = afterNext });
            later["lineCount"]!.GetValue<long>().Should().Be(0, "the resubmission was taken by one run only");
            (await CopiesOf(fixable.WorkOrderId)).Should().HaveCount(copies.Count);
        }
        finally
        {
            api.Clock.Set(back);
        }
    }

    private async Task<(string Maker, string Run, List<RunClaim> Claims)> SubmittedMonth(TestData d, params string[] levels)
    {
        var maker = await SettlementRunTests.ManufacturerWithCompletedOrders(d, levels);
        var run = (await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = Period })).Str("id");
        await d.Finance.PostOk($"/api/v1/settlements/runs/{run}/submit", null, HttpStatusCode.OK);
        (await d.Finance.PutAsJsonAsync($"/api/v1/manufacturers/{maker}/statement-mapping", TestStatements.Mapping())).EnsureSuccessStatusCode();
        var claims = await RunClaims.OfAsync(api, run);
        claims.Should().HaveCount(levels.Length);
        return (maker, run, claims);
    }

    private static Task<string> Import(TestData d, string maker, string period, params object?[][] rows) => Import(d, maker, period, d.Finance, rows);

    private static async Task<string> Import(TestData d, string maker, string period, HttpClient finance, params object?[][] rows)
    {
        var imported = await finance.PostAsync("/api/v1/settlements/statements",
            TestStatements.Form(TestStatements.Xlsx(TestStatements.Portal(rows), TestStatements.PortalMerges), maker, period));
        imported.StatusCode.Should().Be(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        return (await imported.Json()).Str("id");
    }

    private async Task<List<(string, long)>> SettledRows(Guid workOrderId)
    {
        await using var c = await api.Db.OpenAsync();
        return [.. (await c.QueryAsync<(string, long)>(
            "SELECT outcome, approved_fen FROM claim_settlements WHERE work_order_id = @Id ORDER BY settled_at", new { Id = workOrderId }))];
    }

    private sealed record Copy(Guid Id, string RunId);

    private async Task<List<Copy>> CopiesOf(Guid workOrderId)
    {
        await using var c = await api.Db.OpenAsync();
        return [.. (await c.QueryAsync<(Guid, Guid)>(
            "SELECT id, run_id FROM settlement_lines WHERE work_order_id = @Id AND resubmits_line_id IS NOT NULL", new { Id = workOrderId }))
            .Select(r => new Copy(r.Item1, r.Item2.ToString()))];
    }
}
