using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.Console;

/// <summary>
/// The service on a real Kestrel port (127.0.0.1, chosen by the system) over a fresh SQLite file, a small station of
/// test data, and one headless Chromium: a browser cannot reach the in-memory TestServer.
/// </summary>
public sealed class ConsoleHost : ApiFactory, IAsyncLifetime
{
    private IPlaywright? _playwright;

    public ConsoleHost()
    {
        UseKestrel(0);
        Data = new TestData(this);
    }

    public TestData Data { get; }

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var s = base.Settings;
            s["RepairDispatch:Dispatch:PlanSeconds"] = "1"; // a plan the console produces is computed by the test (no job server), briefly
            return s;
        }
    }

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserFactAttribute.ChromiumPath)) return; // the tests skip themselves
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => a.StartsWith("http://", StringComparison.Ordinal)).Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        // Assertions wait as long as the pages' own steps (15 s), not Playwright's 5 s: on the CI's two cores, with the whole
        // suite running, a screen that first catches up the KPI facts once took longer than 5 s to show.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.ChromiumPath, Headless = true, Args = ["--no-sandbox", "--lang=zh-CN"],
        });
    }

    /// <summary>A customer's phone (360×740), as the customer's page is designed for.</summary>
    public static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    /// <summary>
    /// A page at 1366×768 unless another size is given (the front desk's office screen), Chinese first as the console is. The browser's clock reads
    /// the service's test clock; its own zone is not the store's, since the console must show times in the store's zone.
    /// </summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, ViewportSize = viewport ?? new ViewportSize { Width = 1366, Height = 768 }, Locale = "zh-CN",
            TimezoneId = "Europe/Berlin", AcceptDownloads = true,
        });
        await context.Clock.InstallAsync(new ClockInstallOptions { TimeDate = Clock.GetUtcNow().UtcDateTime });
        return await context.NewPageAsync();
    }

    // The factory itself (server, database file) is disposed by xunit as any IDisposable fixture.
    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_playwright is null) return;
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
