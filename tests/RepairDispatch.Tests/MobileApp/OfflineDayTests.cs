using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using RepairDispatch.Tests.Console;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.OldParts;
using RepairDispatch.Tests.Photos;
using static Microsoft.Playwright.Assertions;

namespace RepairDispatch.Tests.MobileApp;

/// <summary>
/// A day without network: every step, photo, part and signature is taken offline, queued on the phone, and lands
/// on the server once, in order, with the phone's times, when the network is back — also when the app was closed.
/// </summary>
public class OfflineDayTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    /// <summary>A repair of a two-month-old washing machine whose maker wants old parts back, assigned to technician A.</summary>
    private async Task<(TestData D, string Id, string Number)> JobForTechnicianA()
    {
        var d = await host.Data.ReadyAsync();
        var maker = await OldPartSetup.MakerWantingPartsBack(d);
        var (customer, appliance) = await d.CustomerWithAppliance(TestData.StationToday().AddMonths(-2), manufacturerId: maker);
        var order = await d.WorkOrder(customer, appliance);
        await d.Manager.PostOk($"/api/v1/work-orders/{order.Str("id")}/assign", new { technicianId = d.TechnicianA }, HttpStatusCode.OK);
        return (d, order.Str("id"), order.Str("number"));
    }

    [BrowserFact]
    public async Task OfflineTheTechnicianDoesTheWholeJobAndBackOnlineTheServerHoldsEachStepOnceWithThePhonesTimes()
    {
        var (d, id, number) = await JobForTechnicianA();
        var offlineFrom = host.Clock.GetUtcNow();

        await Phone.RunAsync(host, async phone =>
        {
            var page = await Phone.SignInAsync(phone);
            await Phone.ScreenshotAsync(page, "technician-app-jobs");
            await Phone.OpenJobAsync(page, number);
            await Phone.ScreenshotAsync(page, "technician-app-job");

            await phone.SetOfflineAsync(true);
            await Expect(page.Locator("#net")).ToHaveTextAsync("离线");
            await Phone.StepAsync(page, "接单", "已接单");
            await Phone.StepAsync(page, "出发", "在途");
            await Phone.StepAsync(page, "到达", "上门中");
            await Phone.TakePhotoAsync(page, "维修前现场", TestImages.Png(11), "before.png");
            await Phone.TakePhotoAsync(page, "故障件", TestImages.Png(12), "pump.png");
            await Expect(page.GetByText("待上传照片 2 张")).ToBeVisibleAsync();
            // The job is drawn again after each queued photo: scroll once it has settled.
            await page.WaitForTimeoutAsync(500);
            await page.EvaluateAsync("() => document.querySelector('.photos').scrollIntoView({ block: 'center' })");
            await Phone.ScreenshotAsync(page, "technician-app-offline-on-site");
            await Phone.CompleteAsync(page);
            await Expect(page.GetByTestId("conflict")).ToHaveCountAsync(0);
            (await d.TechA.GetOk($"/api/v1/mobile/jobs/{id}"))["order"]!.Str("status").Should().Be("Assigned", "nothing reached the server offline");

            // The phone waited a while for network: the server's clock moves on, the steps keep the phone's times.
            host.Clock.Advance(TimeSpan.FromMinutes(10));
            await phone.SetOfflineAsync(false);
            await Phone.QueueEmptiedAsync(page);
            await Phone.ScreenshotAsync(page, "technician-app-me");
            await OldPartShownAsQrAsync(page, d, id);
        });

        await ServerHoldsTheDayAsync(d, id, offlineFrom);
    }

    [BrowserFact]
    public async Task TheQueueSurvivesClosingTheAppAndIsSentWhenItIsOpenedOnline()
    {
        var (d, id, number) = await JobForTechnicianA();
        var offlineFrom = host.Clock.GetUtcNow();

        await Phone.RunAsync(host, async phone =>
        {
            var first = await Phone.SignInAsync(phone);
            await phone.SetOfflineAsync(true);
            await first.CloseAsync();

            var page = await Phone.OpenAppAsync(phone); // offline: the shell comes from the service worker's cache
            await Phone.OpenJobAsync(page, number);
            await Phone.StepAsync(page, "接单", "已接单");
            await Phone.StepAsync(page, "出发", "在途");
            await Phone.StepAsync(page, "到达", "上门中");
            await Phone.TakePhotoAsync(page, "维修前现场", TestImages.Png(21), "before.png");
            await page.CloseAsync();

            page = await Phone.OpenAppAsync(phone);
            await Expect(Phone.Job(page, number)).ToContainTextAsync("上门中");
            await Phone.OpenJobAsync(page, number);
            await Phone.TakePhotoAsync(page, "故障件", TestImages.Png(22), "pump.png");
            await Phone.CompleteAsync(page);
            await page.CloseAsync();

            host.Clock.Advance(TimeSpan.FromMinutes(10));
            await phone.SetOfflineAsync(false);
            page = await Phone.OpenAppAsync(phone);
            await Phone.QueueEmptiedAsync(page);
        });

        await ServerHoldsTheDayAsync(d, id, offlineFrom);
    }

    private static async Task ServerHoldsTheDayAsync(TestData d, string id, DateTimeOffset offlineFrom)
    {
        var events = (await d.Manager.GetOk($"/api/v1/work-orders/{id}/events"))["items"]!.AsArray().Select(e => e!.AsObject()).ToList();
        var steps = new[] { "Accept", "Depart", "Arrive", "Complete" };
        var taken = events.Where(e => steps.Contains(e.Str("kind"))).ToList();
        taken.Select(e => e.Str("kind")).Should().Equal(steps, "each step once, in the order taken");
        foreach (var e in taken)
        {
            var occurred = DateTimeOffset.Parse(e.Str("occurredAt"), System.Globalization.CultureInfo.InvariantCulture);
            var at = DateTimeOffset.Parse(e.Str("at"), System.Globalization.CultureInfo.InvariantCulture);
            occurred.Should().BeAfter(offlineFrom.AddSeconds(-5)).And.BeBefore(offlineFrom.AddMinutes(5), "the phone's time of the step");
            (at - occurred).Should().BeGreaterThan(TimeSpan.FromMinutes(8), "sent when the network came back");
        }
        var photos = (await d.Manager.GetOk($"/api/v1/work-orders/{id}/photos"))["items"]!.AsArray();
        photos.Select(p => p!.Str("kind")).Should().BeEquivalentTo(["SiteBefore", "FailedPart"]);
        (await d.CountRowsOf("work_order_signatures", id)).Should().Be(1);
        (await d.CountRowsOf("work_order_parts", id)).Should().Be(1);
        var order = await d.Manager.GetOk($"/api/v1/work-orders/{id}");
        order.Str("status").Should().Be("Completed");
        order["resolution"]!.Str("failedPart").Should().Be("排水泵");
    }

    /// <summary>The part replaced today waits with the technician; its tag shows as a QR code the desk's scanner reads.</summary>
    private static async Task OldPartShownAsQrAsync(IPage page, TestData d, string id)
    {
        var part = await OldPartSetup.PartOf(d.FrontDesk, id);
        await page.ReloadAsync(); // the lists are fetched when the app starts online
        await page.GetByRole(AriaRole.Link, new() { Name = "旧件", Exact = true }).ClickAsync();
        await page.GetByTestId("old-part").Filter(new() { HasText = part.Str("tag") }).ClickAsync();
        var qr = page.GetByTestId("qr");
        await Expect(qr).ToBeVisibleAsync();
        await Phone.ScreenshotAsync(page, "technician-app-old-part-qr");
        OldPartSetup.ScanQr(await qr.ScreenshotAsync()).Should().Be(part.Str("tag"));
    }
}
