using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.Photos;
using RepairDispatch.Tests.WorkOrders;
using static RepairDispatch.Tests.Claims.ClaimSetup;

namespace RepairDispatch.Tests.Claims;

/// <summary>Claim rules on the contract version and a claim's readiness through the API: evidence, the callback gate, locked photos.</summary>
public class ClaimTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static readonly object AllRules = new
    {
        callbackRequired = true,
        evidence = new[]
        {
            new { type = "Installation", kinds = new[] { "SiteAfter", "InstallationCard", "Invoice" } },
            new { type = "Repair", kinds = new[] { "Invoice", "Nameplate" } },
        },
        oldPartReturn = new { required = true, withinDays = 30 },
        submitWithinDays = 60,
    };

    private static object Evidence(params string[] kinds) => new { evidence = new[] { new { type = "Repair", kinds } } };

    private static string Rules(JsonNode contract) => string.Join(" ", contract["claimRules"]!["evidence"]!.AsArray()
        .Select(e => $"{e.Str("type")}:{string.Join('+', e!["kinds"]!.AsArray().Select(k => k!.GetValue<string>()))}"));

    [Fact]
    public async Task ClaimRulesAreKeptWithTheContractVersion()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await MakerWithRules(d, AllRules);
        var plain = await MakerWithRules(d, null);

        var contract = (await d.Manager.GetOk($"/api/v1/manufacturers/{maker}/contracts"))["items"]![0]!;
        var none = (await d.Manager.GetOk($"/api/v1/manufacturers/{plain}/contracts"))["items"]![0]!["claimRules"]!.AsObject();

        Rules(contract).Should().Be("Repair:Nameplate+Invoice Installation:Invoice+SiteAfter+InstallationCard", "types and kinds in their catalogue order");
        contract["claimRules"]!["callbackRequired"]!.GetValue<bool>().Should().BeTrue();
        contract["claimRules"]!["oldPartReturn"]!["required"]!.GetValue<bool>().Should().BeTrue();
        contract["claimRules"]!["oldPartReturn"]!["withinDays"]!.GetValue<int>().Should().Be(30);
        contract["claimRules"]!["submitWithinDays"]!.GetValue<int>().Should().Be(60);
        none["callbackRequired"]!.GetValue<bool>().Should().BeFalse();
        none["evidence"]!.AsArray().Should().BeEmpty();
        none.ContainsKey("oldPartReturn").Should().BeFalse();
        none.ContainsKey("submitWithinDays").Should().BeFalse();
    }

    [Theory]
    [InlineData("""{"evidence":[{"type":"Repair","kinds":["Invoice"]},{"type":"Repair","kinds":["Nameplate"]}]}""", "claimRules.evidence")]
    [InlineData("""{"evidence":[{"type":"Repair","kinds":["Invoice","Invoice"]}]}""", "claimRules.evidence[0].kinds")]
    [InlineData("""{"evidence":[{"type":"Repair","kinds":["Selfie"]}]}""", "claimRules.evidence[0].kinds[0]")]
    [InlineData("""{"oldPartReturn":{"required":true}}""", "claimRules.oldPartReturn.withinDays")]
    [InlineData("""{"oldPartReturn":{"required":false,"withinDays":30}}""", "claimRules.oldPartReturn.withinDays")]
    [InlineData("""{"submitWithinDays":0}""", "claimRules.submitWithinDays")]
    public async Task BadClaimRulesAreRefusedNamingTheFieldAndStoreNothing(string claimRules, string field)
    {
        var d = await api.Data.ReadyAsync();
        var maker = (await d.Admin.PostOk("/api/v1/manufacturers", new { name = "格力 " + Guid.NewGuid().ToString("N")[..6] })).Str("id");
        var body = $$"""
            {"validFrom":"2026-01-01","categories":["WashingMachine"],"fees":{"partsReimbursement":"AtCost"},"claimRules":{{claimRules}}}
            """;

        var response = await d.Manager.PostAsync($"/api/v1/manufacturers/{maker}/contracts", Http.RawJson(body));

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, field);
        (await d.Manager.GetOk($"/api/v1/manufacturers/{maker}/contracts"))["items"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task AnOrderKeepsTheClaimRulesOfTheVersionItWasCreatedUnder()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await MakerWithRules(d, Evidence("Nameplate"));
        var v1 = (await d.Manager.GetOk($"/api/v1/manufacturers/{maker}/contracts"))["items"]![0].Str("id");
        var underV1 = await OrderOf(d, maker);
        await d.Manager.PostOk($"/api/v1/manufacturers/{maker}/contracts", Contract(TestData.StationToday(), Evidence("Invoice"), supersedes: v1));
        var underV2 = await OrderOf(d, maker);

        await d.CompleteByTechnicianA(underV1);
        await d.CompleteByTechnicianA(underV2);

        (await Claim(d.Finance, maker, underV1))["blockerCodes"]![0]!["args"]!["kinds"]![0].Str("code").Should().Be("photo-kind.Nameplate");
        (await Claim(d.Finance, maker, underV2))["blockerCodes"]![0]!["args"]!["kinds"]![0].Str("code").Should().Be("photo-kind.Invoice");
    }

    [Fact]
    public async Task MissingEvidenceIsNamedUntilThePhoneAndTheDeskSendTheKindsTheContractAsksFor()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await MakerWithRules(d, Evidence("Nameplate", "Invoice"));
        var order = await OrderOf(d, maker);
        (await d.FrontDesk.PostAsync($"/api/v1/work-orders/{order}/photos", PhotoTests.Form(TestImages.Jpeg(1401), "SiteBefore"))).EnsureSuccessStatusCode();
        await d.CompleteByTechnicianA(order);

        var missingBoth = await Claim(d.Finance, maker, order);
        var english = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/claims?manufacturerId={maker}");
        english.Headers.AcceptLanguage.ParseAdd("en");
        var inEnglish = (await (await d.Finance.SendAsync(english)).Json())["items"]![0]!;
        (await d.TechA.PostAsync($"/api/v1/mobile/jobs/{order}/photos", PhotoTests.Form(TestImages.Jpeg(1402), "Nameplate"))).EnsureSuccessStatusCode();
        var missingInvoice = await Claim(d.Finance, maker, order);
        (await d.FrontDesk.PostAsync($"/api/v1/work-orders/{order}/photos", PhotoTests.Form(TestImages.Jpeg(1403), "Invoice"))).EnsureSuccessStatusCode();
        var ready = await Claim(d.Finance, maker, order);

        missingBoth.Str("state").Should().Be("NotReady");
        missingBoth["blockers"]!.AsArray().Select(b => b!.GetValue<string>()).Should().Equal("缺少凭证照片：铭牌、购机发票。");
        Codes(missingBoth).Should().Equal("claim-blocker.evidence-missing");
        inEnglish["blockers"]![0]!.GetValue<string>().Should().Be("Evidence photos missing: nameplate, invoice.");
        missingInvoice["blockers"]!.AsArray().Select(b => b!.GetValue<string>()).Should().Equal("缺少凭证照片：购机发票。");
        ready.Str("state").Should().Be("Ready");
        ready["blockers"]!.AsArray().Should().BeEmpty();
        ready["amount"]!.GetValue<decimal>().Should().Be(80.50m);
        ready.Str("number").Should().StartWith("WO-");
    }

    [Fact]
    public async Task TheCallbackGateHoldsTheClaimWhilePendingAndAfterAFailureAndOpensWhenTheCustomerIsReached()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await MakerWithRules(d, new { callbackRequired = true });
        var failing = await CompletedOrderOf(d, maker);
        var reached = await CompletedOrderOf(d, maker);
        var tomorrow = TestData.StationToday().AddDays(1).ToString("yyyy-MM-dd");

        var scheduled = await Claim(d.Finance, maker, failing);
        await CallbackResult(d, await CallbackOf(api, failing), "NoAnswer");
        var unanswered = await Claim(d.Finance, maker, failing);
        await CallbackResult(d, await CallbackOf(api, failing), "Refused");
        var refused = await Claim(d.Finance, maker, failing);
        await CallbackResult(d, await CallbackOf(api, reached), "Reached");
        var done = await Claim(d.Finance, maker, reached);

        scheduled.Str("state").Should().Be("NotReady");
        Codes(scheduled).Should().Equal("claim-blocker.callback-pending");
        scheduled["blockers"]![0]!.GetValue<string>().Should().Be($"客户回访尚未完成（应访日 {tomorrow}）。");
        unanswered.Str("state").Should().Be("NotReady");
        Codes(unanswered).Should().Equal("claim-blocker.callback-pending");
        refused.Str("state").Should().Be("NotReady");
        Codes(refused).Should().Equal("claim-blocker.callback-failed");
        refused["blockers"]![0]!.GetValue<string>().Should().Contain("拒访");
        done.Str("state").Should().Be("Ready");
    }

    [Fact]
    public async Task APhotoForAnOrderWhoseClaimIsInARunIsRefusedAndNothingIsStored()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await MakerWithRules(d, null);
        var order = await CompletedOrderOf(d, maker);
        await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = TestData.StationToday().ToString("yyyy-MM") });
        var blobs = Path.Combine(Path.GetDirectoryName(api.DatabasePath)!, "blobs");
        int BlobFiles() => Directory.Exists(blobs) ? Directory.GetFiles(blobs, "*", SearchOption.AllDirectories).Length : 0;
        var before = BlobFiles();

        var fromPhone = await d.TechA.PostAsync($"/api/v1/mobile/jobs/{order}/photos", PhotoTests.Form(TestImages.Jpeg(1501), "Nameplate"));
        var atDesk = await d.FrontDesk.PostAsync($"/api/v1/work-orders/{order}/photos", PhotoTests.Form(TestImages.Jpeg(1502), "Invoice"));

        var problem = await fromPhone.ShouldBeProblem(HttpStatusCode.Conflict);
        problem.Str("type").Should().EndWith("/claim-claimed");
        problem["detailCode"].Str("code").Should().Be("claim-refusal.photos-locked");
        problem.Str("detail").Should().Be("该工单的索赔已进入结算单，照片不能再更改。");
        await atDesk.ShouldBeProblem(HttpStatusCode.Conflict);
        (await d.CountRowsOf("work_order_photos", order)).Should().Be(0);
        BlobFiles().Should().Be(before);
        (await Claim(d.Finance, maker, order)).Str("state").Should().Be("Claimed");
    }

    [Fact]
    public async Task OrdersTheManufacturerDoesNotPayHaveNoClaim()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await MakerWithRules(d, null);
        var (customer, appliance) = await d.CustomerWithAppliance(TestData.StationToday().AddYears(-5), manufacturerId: maker);
        var outOfWarranty = (await d.WorkOrder(customer, appliance)).Str("id");
        var noContract = (await d.NewWorkOrder()).Str("id");

        await d.CompleteByTechnicianA(outOfWarranty);
        await d.CompleteByTechnicianA(noContract);

        (await d.CountRowsOf("work_order_claims", outOfWarranty)).Should().Be(0, "the customer pays");
        (await d.CountRowsOf("work_order_claims", noContract)).Should().Be(0, "without a contract the manufacturer is not charged");
    }

    [Fact]
    public async Task AnOldPartThatMustGoBackBlocksTheClaimUntilItIsShipped()
    {
        // The old-part steps (check-in, return batches) are another slice of the issue; here the part's row is written as they
        // will write it, and readiness is refreshed as they will refresh it.
        var d = await api.Data.ReadyAsync();
        var maker = await MakerWithRules(d, new { oldPartReturn = new { required = true, withinDays = 30 } });
        var order = await CompletedOrderOf(d, maker);
        async Task Part(string status) => await api.Db.InTransactionAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("""
                INSERT INTO old_parts (id, tag, store_id, work_order_id, part_id, manufacturer_id, technician_id, quantity, status, return_required,
                                       version, created_at, updated_at)
                SELECT @Id, @Tag, wo.store_id, wo.id, @PartId, @Maker, wo.technician_id, 1, @Status, 1, 1, @Now, @Now FROM work_orders wo WHERE wo.id = @Order
                ON CONFLICT (work_order_id, part_id) DO UPDATE SET status = excluded.status
                """, new { Id = Guid.NewGuid(), Tag = "OP-" + order[..8], PartId = Guid.Parse(d.PartId), Maker = Guid.Parse(maker), Status = status,
                    Now = api.Clock.GetUtcNow(), Order = Guid.Parse(order) }, tx);
            await RepairDispatch.Api.Claims.ClaimReadiness.RefreshAsync(c, tx, Guid.Parse(order), api.Clock.GetUtcNow());
            return 0;
        });

        await Part("WithTechnician");
        var withTechnician = await Claim(d.Finance, maker, order);
        await Part("InStore");
        var inStore = await Claim(d.Finance, maker, order);
        await Part("Shipped");
        var shipped = await Claim(d.Finance, maker, order);

        withTechnician.Str("state").Should().Be("NotReady");
        withTechnician["blockers"]![0]!.GetValue<string>().Should().Be($"旧件尚未返厂：OP-{order[..8]}。");
        Codes(inStore).Should().Equal("claim-blocker.old-part-not-returned");
        shipped.Str("state").Should().Be("Ready");
    }
}
