using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace RepairDispatch.Tests.Console;

/// <summary>Runs a browser test on a fresh page; on failure saves a full-page screenshot to TestResults/screenshots.</summary>
public static class BrowserRun
{
    public static async Task OnPageAsync(this ConsoleHost host, Func<IPage, Task> test, [CallerMemberName] string name = "")
    {
        var page = await host.NewPageAsync();
        try
        {
            await test(page);
        }
        catch
        {
            var file = Path.Combine(ScreenshotFolder(), $"{name}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            System.Console.Error.WriteLine($"Browser test {name} failed at {page.Url}; screenshot: {file}");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RepairDispatch.sln"))) dir = dir.Parent;
        return dir?.FullName ?? AppContext.BaseDirectory;
    }

    private static string ScreenshotFolder() => Directory.CreateDirectory(Path.Combine(RepositoryRoot(), "TestResults", "screenshots")).FullName;
}
