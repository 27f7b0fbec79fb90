using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.OldParts;
using RepairDispatch.Tests.Photos;
using static Microsoft.Playwright.Assertions;

namespace RepairDispatch.Tests.Console;

public class TicketEvidenceConsoleTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    [BrowserFact]
    public async Task TheDeskSeesTheTechniciansPhotoOnTheTicketOpensItFullSizeAndAddsTheInvoice()
    {
        var d = await host.Data.ReadyAsync();
        var order = await d.NewWorkOrder();
        var id = order.Str("id");
        await d.Manager.PostOk($"/api/v1/work-orders/{id}/assign", new { technicianId = d.TechnicianA }, HttpStatusCode.OK);
        var nameplate = await d.TechA.PostAsync($"/api/v1/mobile/jobs/{id}/photos", PhotoTests.Form(TestImages.Jpeg(7001), "Nameplate"));
        nameplate.StatusCode.Should().Be(HttpStatusCode.Created);
        var invoice = Path.Combine(Path.GetTempPath(), $"invoice-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(invoice, TestImages.Png(7002));

        await host.OnPageAsync(async page =>
        {
            await ConsoleSteps.SignInAsync(page, "desk1");
            await page.GotoAsync($"{host.BaseUrl}/#/tickets/{id}");
            var photos = page.GetByTestId("photos");
            await Expect(photos.Locator("figure[data-kind=Nameplate] figcaption")).ToContainTextAsync("铭牌");
            await Expect(photos.Locator("figure[data-kind=Nameplate] img")).ToHaveJSPropertyAsync("naturalWidth", 320);

            await photos.Locator("figure[data-kind=Nameplate] button").ClickAsync();
            var viewer = page.Locator("dialog.photo-viewer");
            await Expect(viewer.Locator("img")).ToHaveJSPropertyAsync("naturalWidth", 640);
            await viewer.GetByRole(AriaRole.Button, new() { Name = "关闭" }).ClickAsync();
            await Expect(viewer).ToBeHiddenAsync();

            await page.GetByLabel("照片类型").SelectOptionAsync("Invoice");
            await page.GetByLabel("图片文件").SetInputFilesAsync(invoice);
            await page.GetByRole(AriaRole.Button, new() { Name = "上传照片" }).ClickAsync();
            await Expect(photos.Locator("figure[data-kind=Invoice] figcaption")).ToContainTextAsync("购机发票");
        });

        var list = await d.FrontDesk.GetOk($"/api/v1/work-orders/{id}/photos");
        list["items"]!.AsArray().Select(p => p.Str("kind")).Should().BeEquivalentTo(["Nameplate", "Invoice"]);
    }

    [BrowserFact]
    public async Task TheDeskMakesACustomerLinkThatOpensTheOrdersPageAndRevokesEveryLink()
    {
        var d = await host.Data.ReadyAsync();
        var order = await d.NewWorkOrder();
        var id = order.Str("id");
        string? token = null;

        await host.OnPageAsync(async page =>
        {
            await ConsoleSteps.SignInAsync(page, "desk1");
            await page.GotoAsync($"{host.BaseUrl}/#/tickets/{id}");
            var card = page.GetByTestId("customer-link");
            await page.GetByRole(AriaRole.Button, new() { Name = "生成链接" }).ClickAsync();
            await Expect(card.Locator("a")).ToHaveAttributeAsync("href", new Regex("/c/[A-Za-z0-9_-]{40,}$"));
            await Expect(card).ToContainTextAsync("有效期至");
            token = (await card.Locator("a").GetAttributeAsync("href"))!.Split("/c/")[1];

            var customer = await page.Context.NewPageAsync();
            await customer.GotoAsync($"{host.BaseUrl}/c/{token}");
            await Expect(customer.Locator("body")).ToContainTextAsync(order.Str("number"));
            await customer.CloseAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "作废全部链接" }).ClickAsync();
            await Expect(card).ToContainTextAsync(new Regex("已作废 [1-9][0-9]* 个链接"));
        });

        (await host.CreateClient().GetAsync($"/api/v1/public/orders/{token}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "a revoked link opens nothing");
    }

    [BrowserFact]
    public async Task TheTicketOfARepairThatReplacedAPartShowsTheOldPartsTagAndReturnDay()
    {
        var d = await host.Data.ReadyAsync();
        var maker = await OldPartSetup.MakerWantingPartsBack(d, withinDays: 30);
        var order = await OldPartSetup.RepairedWithPart(d, maker);
        var part = await OldPartSetup.PartOf(d.FrontDesk, order);

        await host.OnPageAsync(async page =>
        {
            await ConsoleSteps.SignInAsync(page, "desk1");
            await page.GotoAsync($"{host.BaseUrl}/#/tickets/{order}");
            var card = page.GetByTestId("ticket-old-parts");
            await Expect(card).ToContainTextAsync(part.Str("tag"));
            await Expect(card).ToContainTextAsync("在维修工处");
            await Expect(card).ToContainTextAsync(part.Str("dueOn"));
        });
    }
}
