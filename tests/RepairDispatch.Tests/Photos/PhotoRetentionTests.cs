using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Photos;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.Settlements;
using RepairDispatch.Tests.WorkOrders;
using static RepairDispatch.Tests.Photos.PhotoTests;

namespace RepairDispatch.Tests.Photos;

/// <summary>The retention sweep takes evidence photos by the rules of SECURITY.md, and a blob only when no photo names it.</summary>
public class PhotoRetentionTests(StationFixture api) : IClassFixture<StationFixture>
{
    private string BlobPath(byte[] bytes) => Path.Combine(Path.GetDirectoryName(api.DatabasePath)!, "blobs", Sha(bytes)[..2], Sha(bytes));

    private Task<int> SweepAt(DateTimeOffset now) =>
        new RetentionJob(api.Db, api.Services.GetRequiredService<IBlobStore>(), new FakeTimeProvider(now), Options.Create(new RetentionOptions()),
            NullLogger<RetentionJob>.Instance).RunAsync();

    private static async Task<string> Upload(TestData d, string order, byte[] bytes)
    {
        var response = await d.FrontDesk.PostAsync($"/api/v1/work-orders/{order}/photos", Form(bytes, "Nameplate"));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Json()).Str("id");
    }

    /// <summary>A manufacturer under contract with one completed repair, with these photos, in its claim run of this month.</summary>
    private static async Task<(string Order, string Run)> ClaimedOrder(TestData d, params byte[][] photos)
    {
        var maker = await SettlementRunTests.ManufacturerWithCompletedOrders(d);
        var (customer, appliance) = await d.CustomerWithAppliance(TestData.StationToday().AddMonths(-2), manufacturerId: maker);
        var order = (await d.WorkOrder(customer, appliance)).Str("id");
        foreach (var photo in photos) await Upload(d, order, photo); // a claimed order's photos are locked
        await d.CompleteByTechnicianA(order);
        var run = await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = TestData.StationToday().ToString("yyyy-MM") });
        run["lineCount"]!.GetValue<long>().Should().Be(1);
        return (order, run.Str("id"));
    }

    [Fact]
    public async Task PhotosGoAfterTheirRetentionAndABlobOnlyWhenNoPhotoNamesItAnyMore()
    {
        var d = await api.Data.ReadyAsync();
        var (shared, own, paidClaim, openClaim, open) = (TestImages.Jpeg(301), TestImages.Jpeg(302), TestImages.Jpeg(303), TestImages.Jpeg(304), TestImages.Jpeg(305));
        var (claimed, paidRun) = await ClaimedOrder(d, paidClaim, shared);
        await d.Finance.PostOk($"/api/v1/settlements/runs/{paidRun}/submit", null, HttpStatusCode.OK);
        await d.Finance.PostOk($"/api/v1/settlements/runs/{paidRun}/approve", null, HttpStatusCode.OK);
        await d.Finance.PostOk($"/api/v1/settlements/runs/{paidRun}/pay", new { paidOn = TestData.StationToday().ToString("yyyy-MM-dd"), reference = "BANK-9" }, HttpStatusCode.OK);
        var (stillClaiming, _) = await ClaimedOrder(d, openClaim); // its run is never paid
        var unclaimed = (await d.NewWorkOrder()).Str("id"); // the default maker has no contract: nothing to claim
        var sharedOnUnclaimed = await Upload(d, unclaimed, shared);
        await Upload(d, unclaimed, own);
        await d.CompleteByTechnicianA(unclaimed);
        var openOrder = (await d.NewWorkOrder()).Str("id");
        await Upload(d, openOrder, open);
        var now = api.Clock.GetUtcNow();

        await SweepAt(now.AddDays(179));
        (await d.CountRowsOf("work_order_photos", unclaimed)).Should().Be(2, "an unclaimed order's photos stay 180 days");

        await SweepAt(now.AddDays(181));
        (await d.CountRowsOf("work_order_photos", unclaimed)).Should().Be(0);
        File.Exists(BlobPath(own)).Should().BeFalse("no other photo names it");
        File.Exists(BlobPath(shared)).Should().BeTrue("the claimed order's photo still names the same bytes");
        await (await d.Manager.GetAsync($"/api/v1/photos/{sharedOnUnclaimed}/content")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await d.CountRowsOf("work_order_photos", claimed)).Should().Be(2);

        await SweepAt(now.AddYears(3));
        (await d.CountRowsOf("work_order_photos", claimed)).Should().Be(2, "a paid claim's photos stay three years after the month of its run");
        await SweepAt(now.AddYears(3).AddMonths(1));
        (await d.CountRowsOf("work_order_photos", claimed)).Should().Be(0);
        File.Exists(BlobPath(shared)).Should().BeFalse();
        File.Exists(BlobPath(paidClaim)).Should().BeFalse();

        var rows = await d.CountRows("work_order_photos");
        await SweepAt(now.AddYears(10));
        await SweepAt(now.AddYears(10));
        (await d.CountRows("work_order_photos")).Should().Be(rows, "a claim whose run is not paid, and an open order, keep their photos");
        (await d.CountRowsOf("work_order_photos", stillClaiming)).Should().Be(1);
        (await d.CountRowsOf("work_order_photos", openOrder)).Should().Be(1);
        File.Exists(BlobPath(openClaim)).Should().BeTrue();
        File.Exists(BlobPath(open)).Should().BeTrue();
    }

    [Fact]
    public async Task ASweepStoppedAfterTheBlobsFinishesOnItsNextRunAndRepeatsDoNothing()
    {
        var d = await api.Data.ReadyAsync();
        var order = (await d.NewWorkOrder()).Str("id");
        var jpeg = TestImages.Jpeg(306);
        await Upload(d, order, jpeg);
        await d.FrontDesk.PostOk($"/api/v1/work-orders/{order}/cancel", new { reason = "客户取消" }, HttpStatusCode.OK);
        var later = api.Clock.GetUtcNow().AddDays(181);
        await api.Services.GetRequiredService<IBlobStore>().DeleteAsync(Sha(jpeg)); // as if the last sweep stopped here

        (await SweepAt(later)).Should().BeGreaterThanOrEqualTo(1);
        (await d.CountRowsOf("work_order_photos", order)).Should().Be(0, "a cancelled order's photos go 180 days after");
        (await SweepAt(later)).Should().Be(0);
    }
}
