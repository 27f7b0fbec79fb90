using System.Text;
using Microsoft.Playwright;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.OldParts;
using static Microsoft.Playwright.Assertions;

namespace RepairDispatch.Tests.Console;

public class OldPartsConsoleTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    [BrowserFact]
    public async Task TheDeskScansPartsInShowsALabelShipsThemWithAPackingListAndMarksTheBatchReceived()
    {
        var d = await host.Data.ReadyAsync();
        var maker = await OldPartSetup.MakerWantingPartsBack(d);
        var first = await OldPartSetup.PartOf(d.FrontDesk, await OldPartSetup.RepairedWithPart(d, maker));
        var second = await OldPartSetup.PartOf(d.FrontDesk, await OldPartSetup.RepairedWithPart(d, maker));
        var waybill = "SF" + Random.Shared.Next(100_000, 999_999);

        await host.OnPageAsync(async page =>
        {
            await ConsoleSteps.SignInAsync(page, "desk1");
            await page.GetByRole(AriaRole.Link, new() { Name = "旧件", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("旧件管理");
            var tag = page.GetByLabel("旧件标签", new() { Exact = true });
            foreach (var typed in new[] { first.Str("tag").ToLowerInvariant(), first.Str("tag"), second.Str("tag") })
            {
                await tag.FillAsync(typed); // a scanner types the tag and Enter
                await tag.PressAsync("Enter");
                await Expect(page.GetByTestId("check-in-result")).ToContainTextAsync(typed.ToUpperInvariant());
                await Expect(tag).ToHaveValueAsync(""); // the scan is done (a repeated tag's notice shows before its answer)
            }
            await Expect(page.Locator("main .field-error:visible")).ToHaveCountAsync(0);

            await page.Locator("tr", new() { HasText = first.Str("tag") }).GetByRole(AriaRole.Button, new() { Name = "标签" }).ClickAsync();
            await Expect(page.GetByTestId("label-image")).ToBeVisibleAsync();
            (await page.GetByTestId("label-image").EvaluateAsync<int>("img => img.naturalWidth")).Should().Be(720);

            await page.GetByLabel($"选中 {first.Str("tag")} 返厂").CheckAsync();
            await page.GetByLabel($"选中 {second.Str("tag")} 返厂").CheckAsync();
            await page.GetByLabel("承运商").FillAsync("顺丰");
            await page.GetByLabel("运单号").FillAsync(waybill);
            await page.GetByRole(AriaRole.Button, new() { Name = "发货" }).ClickAsync();
            var batch = page.Locator("tr", new() { HasText = waybill });
            await Expect(batch).ToContainTextAsync("运输中");

            var download = await page.RunAndWaitForDownloadAsync(() => batch.GetByRole(AriaRole.Button, new() { Name = "装箱单 CSV" }).ClickAsync());
            download.SuggestedFilename.Should().EndWith(".csv");
            var csv = await File.ReadAllTextAsync(await download.PathAsync(), Encoding.UTF8);
            csv.Should().Contain("旧件标签").And.Contain(first.Str("tag")).And.Contain(second.Str("tag"));

            await batch.GetByRole(AriaRole.Button, new() { Name = "厂家已签收" }).ClickAsync();
            await Expect(page.Locator("tr", new() { HasText = waybill })).ToHaveCountAsync(0);
        });

        (await OldPartSetup.PartOf(d.FrontDesk, first.Str("workOrderId"))).Str("status").Should().Be("Received");
        (await OldPartSetup.PartOf(d.FrontDesk, second.Str("workOrderId"))).Str("status").Should().Be("Received");
    }

    [BrowserFact]
    public async Task AManagerWritesOffAPartTheTechnicianLostAndAMistypedTagIsShownAtTheTagField()
    {
        var d = await host.Data.ReadyAsync();
        var maker = await OldPartSetup.MakerWantingPartsBack(d);
        var lost = await OldPartSetup.PartOf(d.FrontDesk, await OldPartSetup.RepairedWithPart(d, maker));

        await host.OnPageAsync(async page =>
        {
            await ConsoleSteps.SignInAsync(page, "manager1");
            await page.GotoAsync("/#/old-parts");
            var tag = page.GetByLabel("旧件标签", new() { Exact = true });
            await tag.FillAsync("JJ-0000001");
            await tag.PressAsync("Enter");
            await Expect(page.Locator(".field", new() { Has = tag }).Locator(".field-error")).ToContainTextAsync("不是旧件标签");

            await page.GetByRole(AriaRole.Button, new() { Name = "在维修工处" }).ClickAsync();
            var row = page.Locator("tr", new() { HasText = lost.Str("tag") });
            await row.GetByRole(AriaRole.Button, new() { Name = "核销" }).ClickAsync();
            await row.GetByLabel("核销为").SelectOptionAsync("Lost");
            await row.GetByLabel("原因").FillAsync("维修工遗失");
            await row.GetByRole(AriaRole.Button, new() { Name = "确认核销" }).ClickAsync();
            await Expect(page.Locator("tr", new() { HasText = lost.Str("tag") })).ToHaveCountAsync(0);
        });

        var part = await OldPartSetup.PartOf(d.FrontDesk, lost.Str("workOrderId"));
        part.Str("status").Should().Be("Lost");
        part.Str("writeOffReason").Should().Be("维修工遗失");
    }
}
