using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using RepairDispatch.Tests.Console;
using RepairDispatch.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RepairDispatch.Tests.MobileApp;

/// <summary>The office changes a job while the phone is offline: the replay shows the conflict and overwrites nothing.</summary>
public class ConflictTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    private async Task<(TestData D, string Id, string Number)> JobForTechnicianA()
    {
        var d = await host.Data.ReadyAsync();
        var order = await d.NewWorkOrder();
        await d.Manager.PostOk($"/api/v1/work-orders/{order.Str("id")}/assign", new { technicianId = d.TechnicianA }, HttpStatusCode.OK);
        return (d, order.Str("id"), order.Str("number"));
    }

    private static async Task<int> StepsOnServer(TestData d, string id) =>
        (await d.Manager.GetOk($"/api/v1/work-orders/{id}/events"))["items"]!.AsArray().Count(e => e!.Str("kind") is "Accept" or "Depart");

    [BrowserFact]
    public async Task TheOfficeReassignsTheJobWhileThePhoneIsOfflineAndTheReplayShowsTheConflict()
    {
        var (d, id, number) = await JobForTechnicianA();

        await Phone.RunAsync(host, async phone =>
        {
            var page = await Phone.SignInAsync(phone);
            await Phone.OpenJobAsync(page, number);
            await phone.SetOfflineAsync(true);
            await Phone.StepAsync(page, "接单", "已接单");
            await Phone.StepAsync(page, "出发", "在途");

            await d.Manager.PostOk($"/api/v1/work-orders/{id}/assign", new { technicianId = d.TechnicianB, reason = "A 离线" }, HttpStatusCode.OK);
            await phone.SetOfflineAsync(false);

            var conflict = page.GetByTestId("conflict");
            await Expect(conflict).ToContainTextAsync("已改派他人");
            await Expect(conflict).ToContainTextAsync("接单");
            await Expect(conflict).ToContainTextAsync("出发");
            await Phone.ScreenshotAsync(page, "technician-app-conflict");
            await conflict.GetByRole(AriaRole.Button, new() { Name = "知道了" }).ClickAsync();
            await Expect(Phone.Job(page, number)).ToHaveCountAsync(0);
        });

        var order = await d.Manager.GetOk($"/api/v1/work-orders/{id}");
        order.Str("technicianId").Should().Be(d.TechnicianB);
        order.Str("status").Should().Be("Assigned");
        (await StepsOnServer(d, id)).Should().Be(0, "the phone's steps were not applied to a job given to someone else");
    }

    [BrowserFact]
    public async Task TheOfficeChangesTheJobWhileThePhoneIsOfflineAndTheTechnicianRedoesTheStepOnTheFreshJob()
    {
        var (d, id, number) = await JobForTechnicianA();

        await Phone.RunAsync(host, async phone =>
        {
            var page = await Phone.SignInAsync(phone);
            await Phone.OpenJobAsync(page, number);
            await phone.SetOfflineAsync(true);
            await Phone.StepAsync(page, "接单", "已接单");

            var current = await d.FrontDesk.GetAsync($"/api/v1/work-orders/{id}");
            var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/work-orders/{id}")
            {
                Content = Http.RawJson("""{"faultDescription":"客户改口：不脱水，有异响"}""", "application/merge-patch+json"),
            };
            patch.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(current.Headers.ETag!.ToString()));
            (await d.FrontDesk.SendAsync(patch)).StatusCode.Should().Be(HttpStatusCode.OK);
            await phone.SetOfflineAsync(false);

            var conflict = page.GetByTestId("conflict");
            await Expect(conflict).ToContainTextAsync("办公室修改了这张工单");
            await Expect(conflict).ToContainTextAsync("待接单");
            (await StepsOnServer(d, id)).Should().Be(0, "a step taken on the old job is not sent over the office's change");

            await conflict.GetByRole(AriaRole.Button, new() { Name = "按最新工单重做" }).ClickAsync();
            await Expect(page.GetByText("客户改口：不脱水，有异响")).ToBeVisibleAsync();
            await Phone.StepAsync(page, "接单", "已接单");
            await Phone.QueueEmptiedAsync(page);
        });

        (await d.Manager.GetOk($"/api/v1/work-orders/{id}")).Str("status").Should().Be("Accepted");
        (await StepsOnServer(d, id)).Should().Be(1);
    }
}
