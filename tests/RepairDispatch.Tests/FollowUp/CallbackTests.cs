using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.FollowUp;

/// <summary>Callbacks (回访) from the front desk's side: scheduled by completions and sales, called, and followed up.</summary>
public class CallbackTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    private static async Task<JsonNode[]> Queue(TestData d, DateOnly due) =>
        [.. (await d.FrontDesk.GetOk($"/api/v1/callbacks?due={Day(due)}"))["items"]!.AsArray().Select(c => c!)];

    private static async Task<JsonNode> CallbackOf(TestData d, string orderId, DateOnly due, string kind = "AfterService") =>
        (await Queue(d, due)).Single(c => c["workOrderId"]?.GetValue<string>() == orderId && c.Str("kind") == kind);

    [Fact]
    public async Task ACompletedRepairIsOnTheFrontDesksQueueTheNextDayNotToday()
    {
        var d = await api.Data.ReadyAsync();
        var id = (await d.NewWorkOrder()).Str("id");
        await d.CompleteByTechnicianA(id);
        var today = TestData.StationToday();

        (await Queue(d, today)).Should().NotContain(c => c["workOrderId"]!.GetValue<string>() == id);
        var callback = await CallbackOf(d, id, today.AddDays(1));
        callback.Str("status").Should().Be("Scheduled");
        callback.Str("dueOn").Should().Be(Day(today.AddDays(1)));
        callback.Str("customerName").Should().StartWith("Customer 139");
        (await d.TechA.GetAsync("/api/v1/callbacks")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task NoAnswerTriesAgainOnTheNextWorkingDayAndTheThirdMissIsUnreachable()
    {
        var d = await api.Data.ReadyAsync();
        var id = (await d.NewWorkOrder()).Str("id");
        await d.CompleteByTechnicianA(id);
        var callback = (await CallbackOf(d, id, TestData.StationToday().AddDays(1))).Str("id");
        var url = $"/api/v1/callbacks/{callback}/result";

        var first = await d.FrontDesk.PostOk(url, new { outcome = "NoAnswer" }, HttpStatusCode.OK);
        var second = await d.FrontDesk.PostOk(url, new { outcome = "NoAnswer" }, HttpStatusCode.OK);
        var third = await d.FrontDesk.PostOk(url, new { outcome = "NoAnswer" }, HttpStatusCode.OK);
        var late = await d.FrontDesk.PostAsJsonAsync(url, new { outcome = "Reached", satisfaction = 5 });

        var nextWorkingDay = Day(TestData.StationToday().AddDays(1)); // the test clock's day is an ordinary Wednesday
        (first.Str("status"), first.Str("dueOn"), first["attempts"]!.GetValue<int>()).Should().Be(("NoAnswer", nextWorkingDay, 1));
        (second.Str("status"), second["attempts"]!.GetValue<int>()).Should().Be(("NoAnswer", 2));
        (third.Str("status"), third["attempts"]!.GetValue<int>()).Should().Be(("Unreachable", 3));
        (await late.ShouldBeProblem(HttpStatusCode.Conflict)).Str("currentStatus").Should().Be("Unreachable");
    }

    [Fact]
    public async Task ALowScoreOpensAComplaintAgainstTheOrderAndTechnicianAndAlertsTheManagers()
    {
        var d = await api.Data.ReadyAsync();
        var id = (await d.NewWorkOrder()).Str("id");
        await d.CompleteByTechnicianA(id);
        var callback = (await CallbackOf(d, id, TestData.StationToday().AddDays(1))).Str("id");
        var alerts = await d.CountRows("outbox_messages WHERE template = 'ComplaintOpened'");

        var done = await d.FrontDesk.PostOk($"/api/v1/callbacks/{callback}/result", new { outcome = "Reached", satisfaction = 2, comment = "师傅迟到两小时" },
            HttpStatusCode.OK);

        done.Str("status").Should().Be("Done");
        var complaint = (await d.FrontDesk.GetOk($"/api/v1/complaints?workOrderId={id}"))["items"]!.AsArray().Single()!;
        complaint.Str("source").Should().Be("Callback");
        complaint.Str("technicianId").Should().Be(d.TechnicianA);
        complaint.Str("description").Should().Contain("师傅迟到两小时");
        complaint.Str("status").Should().Be("Open");
        (await d.CountRows("outbox_messages WHERE template = 'ComplaintOpened'")).Should().BeGreaterThan(alerts);
    }

    [Fact]
    public async Task AGoodScoreOpensNoComplaintAndBadInputChangesNothing()
    {
        var d = await api.Data.ReadyAsync();
        var id = (await d.NewWorkOrder()).Str("id");
        await d.CompleteByTechnicianA(id);
        var callback = (await CallbackOf(d, id, TestData.StationToday().AddDays(1))).Str("id");
        var url = $"/api/v1/callbacks/{callback}/result";

        await (await d.FrontDesk.PostAsJsonAsync(url, new { outcome = "Reached" })).ShouldBeProblem(HttpStatusCode.BadRequest, "satisfaction");
        await (await d.FrontDesk.PostAsJsonAsync(url, new { outcome = "Reached", satisfaction = 6 })).ShouldBeProblem(HttpStatusCode.BadRequest, "satisfaction");
        await (await d.FrontDesk.PostAsJsonAsync(url, new { outcome = "Maybe" })).ShouldBeProblem(HttpStatusCode.BadRequest);
        (await CallbackOf(d, id, TestData.StationToday().AddDays(1))).Str("status").Should().Be("Scheduled");
        await d.FrontDesk.PostOk(url, new { outcome = "Reached", satisfaction = 4 }, HttpStatusCode.OK);

        (await d.FrontDesk.GetOk($"/api/v1/complaints?workOrderId={id}"))["items"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task ACustomerWithoutConsentGetsNoCallbackAndABigInstallationGetsTwo()
    {
        var d = await api.Data.ReadyAsync();
        var phone = "137" + Random.Shared.Next(10_000_000, 99_999_999);
        var customer = (await d.FrontDesk.PostOk("/api/v1/customers", new
        {
            name = "No calls " + phone, phones = new[] { phone }, callbackConsent = false,
            addresses = new[] { new { district = "Pudong", street = "2 Century Avenue" } },
        })).Str("id");
        var appliance = (await d.FrontDesk.PostOk($"/api/v1/customers/{customer}/appliances", new
        {
            category = "WashingMachine", manufacturerId = d.ManufacturerId, model = "XQG100", boughtHere = true,
            purchaseDate = Day(TestData.StationToday()),
        })).Str("id");
        var silent = (await d.WorkOrder(customer, appliance)).Str("id");
        await d.CompleteByTechnicianA(silent);
        var (other, washer) = await d.CustomerWithAppliance(TestData.StationToday());
        var installation = (await d.WorkOrder(other, washer, type: "Installation")).Str("id");
        await d.CompleteByTechnicianA(installation);

        (await d.CountRows($"callbacks WHERE customer_id = '{customer}'")).Should().Be(0, "no consent: no sales follow-up, no service callback");
        var today = TestData.StationToday();
        (await CallbackOf(d, installation, today.AddDays(3), "AfterInstallation")).Str("dueOn").Should().Be(Day(today.AddDays(3)));
        (await CallbackOf(d, installation, today.AddDays(30), "AfterInstallation30")).Str("dueOn").Should().Be(Day(today.AddDays(30)));
    }

    [Fact]
    public async Task AnApplianceBoughtHereIsFollowedUpAWeekLater()
    {
        var d = await api.Data.ReadyAsync();
        var (customer, _) = await d.CustomerWithAppliance();
        var appliance = (await d.FrontDesk.PostOk($"/api/v1/customers/{customer}/appliances", new
        {
            category = "Tv", manufacturerId = d.ManufacturerId, model = "LE43A31", boughtHere = true, purchaseDate = Day(TestData.StationToday()),
        })).Str("id");

        var week = TestData.StationToday().AddDays(7);
        (await Queue(d, week)).Should().ContainSingle(c => c.Str("kind") == "Sales" && c.Str("customerId") == customer);
        (await Queue(d, week.AddDays(-1))).Should().NotContain(c => c.Str("kind") == "Sales" && c.Str("customerId") == customer);
        appliance.Should().NotBeEmpty();
    }

    [Fact]
    public async Task AReachedCallbackEarnsTheContractsCallbackFeeOnceAndItIsSettled()
    {
        var d = await api.Data.ReadyAsync();
        var maker = (await d.Admin.PostOk("/api/v1/manufacturers", new { name = "格力 " + Guid.NewGuid().ToString("N")[..6] })).Str("id");
        await d.Manager.PostOk($"/api/v1/manufacturers/{maker}/contracts", new
        {
            validFrom = Day(TestData.StationToday().AddYears(-1)), categories = new[] { "WashingMachine" },
            fees = new { repair = new[] { new { category = "WashingMachine", level = "Minor", amount = 60m } }, callback = 5m, partsReimbursement = "AtCost" },
        });
        var (customer, appliance) = await d.CustomerWithAppliance(TestData.StationToday().AddMonths(-2), manufacturerId: maker);
        var id = (await d.WorkOrder(customer, appliance)).Str("id");
        await d.CompleteByTechnicianA(id);
        var callback = (await CallbackOf(d, id, TestData.StationToday().AddDays(1))).Str("id");

        await d.FrontDesk.PostOk($"/api/v1/callbacks/{callback}/result", new { outcome = "Reached", satisfaction = 5 }, HttpStatusCode.OK);
        await d.FrontDesk.PostAsJsonAsync($"/api/v1/callbacks/{callback}/result", new { outcome = "Reached", satisfaction = 5 });

        var charges = (await d.Finance.GetOk($"/api/v1/work-orders/{id}/charges"))["charges"]!.AsArray();
        charges.Where(c => c.Str("kind") == "CallbackFee").Select(c => c!["amount"]!.GetValue<decimal>()).Should().Equal(5.00m);
        var run = await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = TestData.StationToday().ToString("yyyy-MM") });
        run["total"]!.GetValue<decimal>().Should().Be(65.00m, "the repair fee 60.00 and the callback fee 5.00");
    }
}
