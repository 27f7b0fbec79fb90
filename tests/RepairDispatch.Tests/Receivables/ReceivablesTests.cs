using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.Settlements;
using RepairDispatch.Tests.Statements;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Receivables;

/// <summary>
/// A month of claims sent in a run, two statements answering them (one cut), payments (one partial, one covering both
/// statements), the run marked paid at last, and the receivables aged on a moving asOf, all through the API.
/// </summary>
public class ReceivablesTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static readonly DateOnly Today = TestData.StationToday();
    private static string Day(int fromToday) => Today.AddDays(fromToday).ToString("yyyy-MM-dd");
    private static decimal Yuan(long fen) => fen / 100m;

    internal sealed class ClaimRow
    {
        public string Number { get; init; } = "";
        public long AmountFen { get; init; }
    }

    [Fact]
    public async Task PaymentsSettleStatementsOldestFirstAndTheReceivablesAgeOnAMovingAsOf()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await SettlementRunTests.ManufacturerWithCompletedOrders(d, "Minor", "Major", "Minor", "Major", "Minor");
        var serial = "SN-" + Guid.NewGuid().ToString("N")[..10];
        var (customer, appliance) = await ReconciliationTests.SerialNumbered(d, maker, serial);
        var bySerial = (await d.CompleteByTechnicianA((await d.WorkOrder(customer, appliance)).Str("id"), "Minor", 30)).Str("number");
        var run = (await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = Today.ToString("yyyy-MM") })).Str("id");
        await d.Finance.PostOk($"/api/v1/settlements/runs/{run}/submit", null, HttpStatusCode.OK);
        var claims = await ClaimsOf(run);
        claims.Should().HaveCount(6);
        var s6 = claims.Single(c => c.Number == bySerial);
        claims.Remove(s6);
        var (c1, c2, c3, c4, c5) = (claims[0], claims[1], claims[2], claims[3], claims[4]);
        (await d.Finance.PutAsJsonAsync($"/api/v1/manufacturers/{maker}/statement-mapping", TestStatements.Mapping())).EnsureSuccessStatusCode();
        var older = await Import(d, maker, "2026-05", Line(1, c1), Line(2, c2));
        var newer = await Import(d, maker, "2026-06", Line(1, c3), [2, c4.Number, null, null, null, Yuan(c4.AmountFen), Yuan(c4.AmountFen - 1050), 10.5, "旧件未返厂", "通过"],
            [3, null, null, serial, Today.ToString("yyyy-MM-dd"), Yuan(s6.AmountFen), Yuan(s6.AmountFen - 100), 1, "超时", "通过"]); // keyed by serial + day

        async Task<JsonNode> Aged(int fromToday)
        {
            var report = await d.Finance.GetOk($"/api/v1/reports/receivables?asOf={Day(fromToday)}&manufacturerId={maker}");
            return report["items"]!.AsArray().Should().ContainSingle().Subject!;
        }
        static decimal[] Buckets(JsonNode item) =>
            [.. new[] { "d0_30", "d31_60", "d61_90", "d90plus" }.Select(b => item["buckets"]![b]!.GetValue<decimal>())];

        // The cuts (10.50, and 1.00 of the claim answered by serial number and day) are not receivable.
        var owed = c1.AmountFen + c2.AmountFen + c3.AmountFen + (c4.AmountFen - 1050) + c5.AmountFen + (s6.AmountFen - 100);
        var before = await Aged(0);
        Buckets(before).Should().Equal(Yuan(owed), 0, 0, 0);
        before["total"]!.GetValue<decimal>().Should().Be(Yuan(owed));
        before["daysToCashMedian"].Should().BeNull();

        // A partial payment of the older statement: the amount is rounded half-up to the fen (…20.005 → …20.01).
        var partial = new { manufacturerId = maker, amount = Yuan(c1.AmountFen) + 20.005m, receivedOn = Day(0), reference = "ICBC-0001", statementIds = new[] { older } };
        var first = await d.Finance.PostOk("/api/v1/settlements/payments", partial);
        first["amount"]!.GetValue<decimal>().Should().Be(Yuan(c1.AmountFen + 2001));
        Allocations(first).Should().Equal((older, Yuan(c1.AmountFen + 2001)));
        (await d.Finance.PostOk("/api/v1/settlements/payments", partial, HttpStatusCode.OK)).Str("id").Should().Be(first.Str("id"), "the same bank reference is the same payment");
        var problem = await (await d.Finance.PostAsJsonAsync("/api/v1/settlements/payments", partial with { amount = 1m })).ShouldBeProblem(HttpStatusCode.Conflict);
        problem.Str("paymentId").Should().Be(first.Str("id"));

        // One payment covering both statements, named newest first: the older one's rest is paid before the newer one.
        // Sent twice under one Idempotency-Key (a retry): the second gets the first's answer and nothing more is allocated.
        async Task<HttpResponseMessage> PayBoth()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/settlements/payments")
            {
                Content = JsonContent.Create(new
                {
                    manufacturerId = maker, amount = Yuan(c2.AmountFen - 2001 + c3.AmountFen), receivedOn = Day(35), reference = "ICBC-0002", statementIds = new[] { newer, older },
                }),
            };
            request.Headers.Add("Idempotency-Key", "pay-both-" + maker);
            return await d.Finance.SendAsync(request);
        }
        var sent = await PayBoth();
        sent.StatusCode.Should().Be(HttpStatusCode.Created, await sent.Content.ReadAsStringAsync());
        var both = await sent.Json();
        var retried = await PayBoth();
        retried.StatusCode.Should().Be(HttpStatusCode.Created);
        (await retried.Json()).Str("id").Should().Be(both.Str("id"));
        Allocations(both).Should().Equal((older, Yuan(c2.AmountFen - 2001)), (newer, Yuan(c3.AmountFen)));
        var statements = await d.Finance.GetOk($"/api/v1/settlements/statements?manufacturerId={maker}");
        statements["items"]!.AsArray().Select(s => (s.Str("id"), s!["due"]!.GetValue<decimal>()))
            .Should().Equal((newer, Yuan(c4.AmountFen - 1050 + s6.AmountFen - 100)), (older, 0m));

        // What the two statements still owe is c4's and s6's approved amounts: a fen more is refused, naming the field; another manufacturer's statement by its row.
        await (await d.Finance.PostAsJsonAsync("/api/v1/settlements/payments", new
        {
            manufacturerId = maker, amount = Yuan(c4.AmountFen - 1050 + s6.AmountFen - 100 + 1), receivedOn = Day(36), reference = "ICBC-0003", statementIds = new[] { older, newer },
        })).ShouldBeProblem(HttpStatusCode.BadRequest, "amount");
        var othersStatement = await OtherManufacturersStatement(d);
        await (await d.Finance.PostAsJsonAsync("/api/v1/settlements/payments", new
        {
            manufacturerId = maker, amount = 1m, receivedOn = Day(36), reference = "ICBC-0003", statementIds = new[] { newer, othersStatement },
        })).ShouldBeProblem(HttpStatusCode.BadRequest, "statementIds[1]");

        // Aging moves with asOf; the second payment counts from the day it was received.
        Buckets(await Aged(0)).Should().Equal(Yuan(owed - c1.AmountFen - 2001), 0, 0, 0);
        Buckets(await Aged(30)).Should().Equal(Yuan(owed - c1.AmountFen - 2001), 0, 0, 0);
        Buckets(await Aged(31)).Should().Equal(0, Yuan(owed - c1.AmountFen - 2001), 0, 0);
        var afterBoth = await Aged(35);
        var rest = c4.AmountFen - 1050 + c5.AmountFen + s6.AmountFen - 100;
        Buckets(afterBoth).Should().Equal(0, Yuan(rest), 0, 0);
        afterBoth["daysToCashMedian"]!.GetValue<decimal>().Should().Be(35m, "c1 was paid on its completion day, c2 and c3 35 days later");
        Buckets(await Aged(60)).Should().Equal(0, Yuan(rest), 0, 0);
        Buckets(await Aged(61)).Should().Equal(0, 0, Yuan(rest), 0);
        Buckets(await Aged(90)).Should().Equal(0, 0, Yuan(rest), 0);
        Buckets(await Aged(91)).Should().Equal(0, 0, 0, Yuan(rest));

        // The run marked paid (the run "pay" action) clears the rest from its paid day.
        await d.Finance.PostOk($"/api/v1/settlements/runs/{run}/approve", null, HttpStatusCode.OK);
        await d.Finance.PostOk($"/api/v1/settlements/runs/{run}/pay", new { paidOn = Day(100), reference = "ICBC-RUN" }, HttpStatusCode.OK);
        Buckets(await Aged(99)).Should().Equal(0, 0, 0, Yuan(rest));
        var paid = await Aged(100);
        paid["total"]!.GetValue<decimal>().Should().Be(0m);
        paid["daysToCashMedian"]!.GetValue<decimal>().Should().Be(67.5m, "0, 35, 35, 100, 100, 100");

        // Reading payments.
        (await d.Manager.GetOk($"/api/v1/settlements/payments/{both.Str("id")}")).Str("reference").Should().Be("ICBC-0002");
        var list = await d.Finance.GetOk($"/api/v1/settlements/payments?manufacturerId={maker}&pageSize=1");
        list["items"]!.AsArray().Select(i => i.Str("id")).Should().Equal(both.Str("id"));
        var next = await d.Finance.GetOk($"/api/v1/settlements/payments?manufacturerId={maker}&pageSize=1&cursor={list.Str("nextCursor")}");
        next["items"]!.AsArray().Select(i => i.Str("id")).Should().Equal(first.Str("id"));
        next["nextCursor"].Should().BeNull();
        await (await d.Finance.GetAsync($"/api/v1/settlements/payments/{Guid.NewGuid()}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheReportNeedsAsOfAndIsFinancesManagersAndAdmins()
    {
        var d = await api.Data.ReadyAsync();
        await (await d.Finance.GetAsync("/api/v1/reports/receivables")).ShouldBeProblem(HttpStatusCode.BadRequest, "asOf");
        (await d.TechA.GetAsync($"/api/v1/reports/receivables?asOf={Day(0)}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await d.FrontDesk.GetAsync($"/api/v1/reports/receivables?asOf={Day(0)}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await d.FrontDesk.GetAsync("/api/v1/settlements/payments")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await d.TechA.GetAsync("/api/v1/settlements/payments")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await d.Admin.GetAsync($"/api/v1/reports/receivables?asOf={Day(0)}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await d.Manager.GetAsync($"/api/v1/reports/receivables?asOf={Day(0)}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    internal static object?[] Line(int no, ClaimRow c) => [no, c.Number, null, null, null, Yuan(c.AmountFen), Yuan(c.AmountFen), null, null, "通过"];

    private static (string, decimal)[] Allocations(JsonObject payment) =>
        [.. payment["allocations"]!.AsArray().Select(a => (a.Str("statementId"), a!["amount"]!.GetValue<decimal>()))];

    internal static async Task<string> Import(TestData d, string maker, string period, params object?[][] lines)
    {
        var response = await d.Finance.PostAsync("/api/v1/settlements/statements", TestStatements.Form(TestStatements.Xlsx(TestStatements.Portal(lines)), maker, period));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Json()).Str("id");
    }

    private static async Task<string> OtherManufacturersStatement(TestData d)
    {
        var other = (await d.Admin.PostOk("/api/v1/manufacturers", new { name = "美的 " + Guid.NewGuid().ToString("N")[..6] })).Str("id");
        (await d.Finance.PutAsJsonAsync($"/api/v1/manufacturers/{other}/statement-mapping", TestStatements.Mapping())).EnsureSuccessStatusCode();
        return await Import(d, other, "2026-06", [1, "WO-19990101-0001", null, null, null, 10, 10, null, null, "通过"]);
    }

    private Task<List<ClaimRow>> ClaimsOf(string run) => ClaimsOf(api, run);

    internal static async Task<List<ClaimRow>> ClaimsOf(ApiFactory host, string run)
    {
        await using var c = await host.Db.OpenAsync();
        return [.. await c.QueryAsync<ClaimRow>("""
            SELECT wo.number, SUM(sl.amount_fen) AS amount_fen
            FROM settlement_lines sl JOIN work_orders wo ON wo.id = sl.work_order_id
            WHERE sl.run_id = @Run GROUP BY wo.number ORDER BY wo.number
            """, new { Run = run })];
    }
}
