using System.Collections.Concurrent;
using Microsoft.Playwright;
using RepairDispatch.Tests.Console;
using static Microsoft.Playwright.Assertions;

namespace RepairDispatch.Tests.MobileApp;

/// <summary>The app's shell: small on the first load, and opened from the service worker's cache without network.</summary>
public class ShellTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    private const int ShellBudgetBytes = 300 * 1024;

    [BrowserFact]
    public async Task TheFirstLoadTransfersAtMost300KilobytesAndInstallsTheWholeShell()
    {
        var fromNetwork = new ConcurrentDictionary<string, int>();
        await Phone.RunAsync(host, async phone =>
        {
            // Every answer that came over the network (the page's own and the service worker's precache), not from the cache.
            phone.Response += async (_, response) =>
            {
                if (response.FromServiceWorker) return;
                try { fromNetwork.AddOrUpdate(new Uri(response.Url).PathAndQuery, (await response.BodyAsync()).Length, (_, n) => n); }
                catch (PlaywrightException) { }
            };
            var page = await Phone.OpenAppAsync(phone);
            await page.EvaluateAsync("() => navigator.serviceWorker.ready");
            var cached = await page.EvaluateAsync<string[]>("async () => (await (await caches.open((await caches.keys())[0])).keys()).map(r => new URL(r.url).pathname)");
            cached.Should().Contain(["/m/", "/m/js/main.js", "/m/js/outbox.js", "/m/vendor/qrcode-generator.js", "/m/app.css"]);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "维修工登录" })).ToBeVisibleAsync();
        });

        // The worker's own script is fetched by the browser outside any page: counted from the server.
        fromNetwork["/m/sw.js"] = (await host.CreateClient().GetByteArrayAsync("/m/sw.js")).Length;
        fromNetwork.Keys.Should().Contain(["/m/", "/m/js/main.js", "/m/manifest.webmanifest"]);
        fromNetwork.Keys.Should().OnlyContain(path => path.StartsWith("/m/", StringComparison.Ordinal), "the shell loads nothing from elsewhere, and no API call before sign-in");
        fromNetwork.Values.Sum().Should().BeLessThanOrEqualTo(ShellBudgetBytes, string.Join(", ", fromNetwork.Select(f => $"{f.Key} {f.Value}")));
    }

    [BrowserFact]
    public async Task WithTheNetworkOffTheAppOpensFromTheCache()
    {
        await Phone.RunAsync(host, async phone =>
        {
            var first = await Phone.OpenAppAsync(phone);
            await first.EvaluateAsync("() => navigator.serviceWorker.ready");
            await first.CloseAsync();
            await phone.SetOfflineAsync(true);

            var page = await phone.NewPageAsync();
            var document = await page.GotoAsync("/m/#/jobs");
            document!.FromServiceWorker.Should().BeTrue();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "维修工登录" })).ToBeVisibleAsync();
            await Expect(page.Locator("#net")).ToHaveTextAsync("离线");
            await page.GetByLabel("用户名").FillAsync("tech-a");
            await page.GetByLabel("密码").FillAsync("whatever");
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("没有网络，首次登录需要联网。");
        });
    }
}
