using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using RepairDispatch.Tests.Console;
using RepairDispatch.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RepairDispatch.Tests.MobileApp;

/// <summary>
/// The technician's phone: a 360×740 browser context in Chinese and the store's zone, standing at the customer's
/// address (geolocation granted), with its clock on the service's test clock. One context is one phone: its pages share
/// the service worker, IndexedDB and the queue, so closing a page and opening another is closing and reopening the app.
/// </summary>
public static class Phone
{
    public static async Task<IBrowserContext> NewAsync(ConsoleHost host)
    {
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseUrl, ViewportSize = new ViewportSize { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true,
            Locale = "zh-CN", TimezoneId = "Asia/Shanghai", Geolocation = new Geolocation { Latitude = 31.2397f, Longitude = 121.4998f },
            Permissions = ["geolocation"], ServiceWorkers = ServiceWorkerPolicy.Allow,
        });
        await context.Clock.InstallAsync(new ClockInstallOptions { TimeDate = host.Clock.GetUtcNow().UtcDateTime });
        return context;
    }

    /// <summary>Runs a test on a new phone; the app's API calls are held to the OpenAPI document; a failure leaves a screenshot.</summary>
    public static async Task RunAsync(ConsoleHost host, Func<IBrowserContext, Task> test, [CallerMemberName] string name = "")
    {
        var context = await NewAsync(host);
        var checks = new System.Collections.Concurrent.ConcurrentBag<Task<IReadOnlyList<string>>>();
        context.Response += (_, response) => checks.Add(BrowserRun.CheckAsync(host, response));
        try
        {
            await test(context);
            var violations = (await Task.WhenAll(checks)).SelectMany(v => v).ToList();
            if (violations.Count > 0) throw new OpenApiViolationException(string.Join(Environment.NewLine, violations.Take(20)));
        }
        catch
        {
            if (context.Pages.LastOrDefault() is { } page)
            {
                var file = Path.Combine(Directory.CreateDirectory(Path.Combine(BrowserRun.RepositoryRoot(), "TestResults", "screenshots")).FullName, $"{name}.png");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
                System.Console.Error.WriteLine($"Phone test {name} failed at {page.Url}; screenshot: {file}");
            }
            throw;
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>Opens the app (a new page: the app started again) and waits until it shows its first screen.</summary>
    public static async Task<IPage> OpenAppAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync("/m/");
        await Expect(page.Locator("main h1")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Signs in and waits until the service worker controls the page (the shell is cached) and the jobs are on the phone.</summary>
    public static async Task<IPage> SignInAsync(IBrowserContext context, string username = "tech-a")
    {
        var page = await OpenAppAsync(context);
        await page.GetByLabel("用户名").FillAsync(username);
        await page.GetByLabel("密码").FillAsync(ApiFactory.UserPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "今日工单" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("synced")).ToContainTextAsync("上次同步");
        await page.EvaluateAsync("() => navigator.serviceWorker.ready");
        return page;
    }

    public static ILocator Job(IPage page, string number) => page.GetByTestId("job-card").Filter(new() { HasText = number });

    public static async Task OpenJobAsync(IPage page, string number)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "工单", Exact = true }).ClickAsync();
        await Job(page, number).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(number);
    }

    public static async Task StepAsync(IPage page, string button, string statusAfter)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync(statusAfter);
    }

    public static async Task TakePhotoAsync(IPage page, string kind, byte[] png, string fileName)
    {
        await page.GetByLabel("照片类型").SelectOptionAsync(new SelectOptionValue { Label = kind });
        await page.GetByLabel("拍照").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "image/png", Buffer = png });
    }

    /// <summary>Completes as a minor repair with one drain pump, the customer signing with a finger.</summary>
    public static async Task CompleteAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "完工", Exact = true }).ClickAsync();
        await page.GetByLabel("维修级别").SelectOptionAsync("Minor");
        await page.GetByLabel("故障件").FillAsync("排水泵");
        await page.GetByLabel("配件 1").SelectOptionAsync(new SelectOptionValue { Label = await FirstPartLabel(page) });
        await page.GetByLabel("工时（分钟）").FillAsync("45");
        await SignAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "确认完工" }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("已完工");
    }

    private static Task<string> FirstPartLabel(IPage page) =>
        page.GetByLabel("配件 1").Locator("option").Filter(new() { HasText = "Drain pump" }).First.TextContentAsync()!;

    private static async Task SignAsync(IPage page)
    {
        var pad = page.GetByTestId("signature");
        await pad.ScrollIntoViewIfNeededAsync();
        var box = (await pad.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 20, box.Y + box.Height / 2);
        await page.Mouse.DownAsync();
        for (var i = 1; i <= 10; i++) await page.Mouse.MoveAsync(box.X + 20 + i * 25, box.Y + box.Height / 2 + (i % 2 == 0 ? -30 : 30));
        await page.Mouse.UpAsync();
    }

    /// <summary>Waits until the phone has sent everything it queued (no "waiting" note, no job marked unsent).</summary>
    public static async Task QueueEmptiedAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "我的", Exact = true }).ClickAsync();
        await Expect(page.GetByText("全部已上传。")).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    /// <summary>Screenshots for docs/screenshots, written only when REPAIRDISPATCH_SCREENSHOTS=1 (they are committed).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("REPAIRDISPATCH_SCREENSHOTS") != "1") return;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserRun.RepositoryRoot(), "docs", "screenshots", $"{name}.png") });
    }
}
