using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MiniExcelLibs;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.OldParts;

/// <summary>Old parts through the API: tagged at completion, checked in, shipped in a batch, received or written off; labels and packing lists.</summary>
public class OldPartTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    [Fact]
    public async Task CompletingAClaimableRepairTagsTheReplacedPartWithTheTechnicianDueByTheContractsDays()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await OldPartSetup.MakerWantingPartsBack(d, withinDays: 30);

        var order = await OldPartSetup.RepairedWithPart(d, maker);

        var part = await OldPartSetup.PartOf(d.FrontDesk, order);
        part.Str("tag").Should().MatchRegex("^JJ-[0-9A-HJKMNP-TV-Z]{7}$");
        part.Str("status").Should().Be("WithTechnician");
        part.Str("manufacturerId").Should().Be(maker);
        part.Str("technicianId").Should().Be(d.TechnicianA);
        part.Str("partId").Should().Be(d.PartId);
        part["returnRequired"]!.GetValue<bool>().Should().BeTrue();
        part.Str("dueOn").Should().Be(Day(TestData.StationToday().AddDays(30)), "the completion's store day plus the contract's 30 days");
        part["overdue"]!.GetValue<bool>().Should().BeFalse();
        var mine = (await d.TechA.GetOk("/api/v1/mobile/old-parts"))["items"]!.AsArray();
        mine.Select(p => p.Str("tag")).Should().Contain(part.Str("tag"));
        (await d.TechB.GetOk("/api/v1/mobile/old-parts"))["items"]!.AsArray().Select(p => p.Str("tag")).Should().NotContain(part.Str("tag"));
    }

    [Fact]
    public async Task ARepairTheCustomerPaysLeavesNoOldPart()
    {
        var d = await api.Data.ReadyAsync();
        var (customer, appliance) = await d.CustomerWithAppliance(); // no purchase date: the customer pays
        var id = await OldPartSetup.RepairedWithPart(d, customer, appliance);

        (await d.FrontDesk.GetOk($"/api/v1/old-parts?workOrderId={id}"))["items"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task ThePartIsCheckedInByItsTypedTagShippedInABatchAndReceivedWithEveryStepInItsHistory()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await OldPartSetup.MakerWantingPartsBack(d);
        var first = await OldPartSetup.PartOf(d.FrontDesk, await OldPartSetup.RepairedWithPart(d, maker));
        var second = await OldPartSetup.PartOf(d.FrontDesk, await OldPartSetup.RepairedWithPart(d, maker));
        var typed = first.Str("tag").Replace("-", "").ToLowerInvariant(); // as a clerk might type it

        var checkedIn = await d.FrontDesk.PostOk($"/api/v1/old-parts/{typed}/check-in", null, HttpStatusCode.OK);
        var again = await d.FrontDesk.PostOk($"/api/v1/old-parts/{first.Str("tag")}/check-in", null, HttpStatusCode.OK);
        await d.FrontDesk.PostOk($"/api/v1/old-parts/{second.Str("tag")}/check-in", null, HttpStatusCode.OK);

        checkedIn["part"].Str("status").Should().Be("InStore");
        again["part"]!["version"]!.GetValue<long>().Should().Be(checkedIn["part"]!["version"]!.GetValue<long>(), "a second scan changes nothing");
        (await d.TechA.GetOk("/api/v1/mobile/old-parts"))["items"]!.AsArray().Select(p => p.Str("tag")).Should().NotContain(first.Str("tag"));

        var batch = await d.FrontDesk.PostOk("/api/v1/old-parts/returns", new
        {
            manufacturerId = maker, tags = new[] { first.Str("tag"), second.Str("tag") }, carrier = "顺丰", waybill = "SF" + Guid.NewGuid().ToString("N")[..10],
        });
        batch.Str("status").Should().Be("Shipped");
        batch["parts"]!.AsArray().Select(p => p.Str("status")).Should().Equal("Shipped", "Shipped");

        var partly = await d.FrontDesk.PostOk($"/api/v1/old-parts/returns/{batch.Str("id")}/received",
            new { receivedOn = Day(TestData.StationToday()), tags = new[] { second.Str("tag") } }, HttpStatusCode.OK);
        partly.Str("status").Should().Be("Shipped", "one part is still on its way");
        var received = await d.FrontDesk.PostOk($"/api/v1/old-parts/returns/{batch.Str("id")}/received",
            new { receivedOn = Day(TestData.StationToday()) }, HttpStatusCode.OK);
        received.Str("status").Should().Be("Received");
        received.Str("receivedOn").Should().Be(Day(TestData.StationToday()));
        received["parts"]!.AsArray().Select(p => p.Str("status")).Should().Equal("Received", "Received");

        var history = (await d.FrontDesk.GetOk($"/api/v1/old-parts/{first.Str("id")}"))["history"]!.AsArray();
        history.Select(h => h.Str("status")).Should().Equal("WithTechnician", "InStore", "Shipped", "Received");
        history.Skip(1).Select(h => h.Str("byUsername")).Should().AllBe("desk1");
        history[2].Str("returnId").Should().Be(batch.Str("id"));
    }

    [Fact]
    public async Task TheLabelIsAPngWhoseQrCodeReadsTheTag()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await OldPartSetup.MakerWantingPartsBack(d);
        var part = await OldPartSetup.PartOf(d.FrontDesk, await OldPartSetup.RepairedWithPart(d, maker));

        var response = await d.FrontDesk.GetAsync($"/api/v1/old-parts/{part.Str("id")}/label");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("inline", "a browser shows it to print");
        var png = await response.Content.ReadAsByteArrayAsync();
        OldPartSetup.ScanQr(png).Should().Be(part.Str("tag"));
    }

    [Fact]
    public async Task ThePackingListNamesEveryPartUnderChineseHeadersAsCsvAndXlsx()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await OldPartSetup.MakerWantingPartsBack(d);
        var part = await OldPartSetup.PartOf(d.FrontDesk, await OldPartSetup.RepairedWithPart(d, maker));
        await d.FrontDesk.PostOk($"/api/v1/old-parts/{part.Str("tag")}/check-in", null, HttpStatusCode.OK);
        var batch = await d.FrontDesk.PostOk("/api/v1/old-parts/returns", new
        {
            manufacturerId = maker, tags = new[] { part.Str("tag") }, carrier = "德邦", waybill = "DB" + Guid.NewGuid().ToString("N")[..10],
        });

        var csv = await d.FrontDesk.GetAsync($"/api/v1/old-parts/returns/{batch.Str("id")}/packing-list?format=csv");
        var xlsx = await d.FrontDesk.GetAsync($"/api/v1/old-parts/returns/{batch.Str("id")}/packing-list?format=xlsx");

        var bytes = await csv.Content.ReadAsByteArrayAsync();
        bytes.Take(3).Should().Equal(new byte[] { 0xEF, 0xBB, 0xBF }, "Excel needs the BOM to read Chinese");
        var lines = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith("序号,旧件标签,工单号,配件编号,配件名称,数量,厂家,承运商,运单号,发货日期");
        lines[1].Should().StartWith($"1,{part.Str("tag")},{part.Str("workOrderNumber")},");
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var row = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().Single();
        row["旧件标签"].Should().Be(part.Str("tag"));
        row["承运商"].Should().Be("德邦");
    }

    [Fact]
    public async Task AManagerWritesOffALostPartWithAReasonButNotOneTheManufacturerReceived()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await OldPartSetup.MakerWantingPartsBack(d);
        var lost = await OldPartSetup.PartOf(d.FrontDesk, await OldPartSetup.RepairedWithPart(d, maker));

        var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/old-parts/{lost.Str("id")}/write-off")
        { Content = JsonContent.Create(new { status = "Lost", reason = "技师遗失" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"99\"");
        await (await d.Manager.SendAsync(stale)).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        await (await d.FrontDesk.PostAsJsonAsync($"/api/v1/old-parts/{lost.Str("id")}/write-off", new { status = "Lost", reason = "x" }))
            .ShouldBeProblem(HttpStatusCode.Forbidden);
        var written = await d.Manager.PostOk($"/api/v1/old-parts/{lost.Str("id")}/write-off", new { status = "Lost", reason = "技师遗失" }, HttpStatusCode.OK);

        written["part"].Str("status").Should().Be("Lost");
        written["part"].Str("writeOffReason").Should().Be("技师遗失");
        written["history"]!.AsArray().Last()!.Str("reason").Should().Be("技师遗失");
        await (await d.Manager.PostAsJsonAsync($"/api/v1/old-parts/{lost.Str("id")}/write-off", new { status = "Scrapped", reason = "again" }))
            .ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task TheDeskOfAnotherStoreCannotCheckInOurTag()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await OldPartSetup.MakerWantingPartsBack(d);
        var part = await OldPartSetup.PartOf(d.FrontDesk, await OldPartSetup.RepairedWithPart(d, maker));
        var store = (await d.Admin.PostOk("/api/v1/stores", new { code = "S-" + Guid.NewGuid().ToString("N")[..4], name = "北店", city = "上海", address = "1 路" })).Str("id");
        var username = "desk-" + Guid.NewGuid().ToString("N")[..6];
        await d.Admin.PostOk("/api/v1/users", new { username, password = ApiFactory.UserPassword, role = "frontdesk", storeId = store });
        var otherDesk = await api.ClientAs(username);

        await (await otherDesk.PostAsync($"/api/v1/old-parts/{part.Str("tag")}/check-in", null)).ShouldBeProblem(HttpStatusCode.NotFound);
        (await OldPartSetup.PartOf(d.FrontDesk, part.Str("workOrderId"))).Str("status").Should().Be("WithTechnician");
        await (await otherDesk.GetAsync($"/api/v1/old-parts/{part.Str("id")}/label")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ATypoInATagIsCaughtByItsCheckCharacter()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await OldPartSetup.MakerWantingPartsBack(d);
        var tag = (await OldPartSetup.PartOf(d.FrontDesk, await OldPartSetup.RepairedWithPart(d, maker))).Str("tag");
        var wrong = tag[..^2] + (tag[^2] == '7' ? '8' : '7') + tag[^1];

        await (await d.FrontDesk.PostAsync($"/api/v1/old-parts/{wrong}/check-in", null)).ShouldBeProblem(HttpStatusCode.BadRequest, "tag");
    }

    [Fact]
    public async Task ACheckInThatLosesARaceRunsAgainFromFreshStateAndRecordsOneStep()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await OldPartSetup.MakerWantingPartsBack(d);
        var part = await OldPartSetup.PartOf(d.FrontDesk, await OldPartSetup.RepairedWithPart(d, maker));

        JsonObject done;
        int writes;
        using (var race = Race.Once(api))
        {
            done = await d.FrontDesk.PostOk($"/api/v1/old-parts/{part.Str("tag")}/check-in", null, HttpStatusCode.OK);
            writes = race.Writes;
        }

        writes.Should().Be(2, "the first attempt found the row changed and the unit of work ran again");
        done["part"]!["version"]!.GetValue<long>().Should().Be(2);
        done["history"]!.AsArray().Select(h => h.Str("status")).Should().Equal("WithTechnician", "InStore");
    }

    [Fact]
    public async Task ABatchSentAgainWithItsIdempotencyKeyAnswersTheFirstBatch()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await OldPartSetup.MakerWantingPartsBack(d);
        var part = await OldPartSetup.PartOf(d.FrontDesk, await OldPartSetup.RepairedWithPart(d, maker));
        await d.FrontDesk.PostOk($"/api/v1/old-parts/{part.Str("tag")}/check-in", null, HttpStatusCode.OK);
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Send() => new(HttpMethod.Post, "/api/v1/old-parts/returns")
        {
            Content = JsonContent.Create(new { manufacturerId = maker, tags = new[] { part.Str("tag") }, carrier = "EMS", waybill = "E-" + key[..8] }),
            Headers = { { "Idempotency-Key", key } },
        };

        var first = await d.FrontDesk.SendAsync(Send());
        var again = await d.FrontDesk.SendAsync(Send());

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        again.StatusCode.Should().Be(HttpStatusCode.Created);
        again.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await again.Json()).Str("id").Should().Be((await first.Json()).Str("id"));
        (await d.FrontDesk.GetOk($"/api/v1/old-parts/returns?manufacturerId={maker}"))["items"]!.AsArray().Should().ContainSingle();
    }
}
