using System.Runtime.CompilerServices;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.Console;

/// <summary>Runs a browser test on a fresh page; on failure saves a full-page screenshot to TestResults/screenshots.</summary>
public static class BrowserRun
{
    public static async Task OnPageAsync(this ConsoleHost host, Func<IPage, Task> test, [CallerMemberName] string name = "", ViewportSize? viewport = null)
    {
        var page = await host.NewPageAsync(viewport);
        var checks = new System.Collections.Concurrent.ConcurrentBag<Task<IReadOnlyList<string>>>();
        page.Context.Response += (_, response) => checks.Add(CheckAsync(host, response));
        try
        {
            await test(page);
            // The console's own calls are held to the OpenAPI document like every test client's.
            var violations = (await Task.WhenAll(checks)).SelectMany(v => v).ToList();
            if (violations.Count > 0) throw new OpenApiViolationException(string.Join(Environment.NewLine, violations.Take(20)));
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

    internal static async Task<IReadOnlyList<string>> CheckAsync(ConsoleHost host, IResponse response)
    {
        var request = response.Request;
        var url = new Uri(response.Url);
        var path = url.AbsolutePath;
        if (!path.StartsWith("/api/", StringComparison.Ordinal)) return [];
        string body;
        // The page may move on and the browser drop the body: then it cannot be checked (an error, or no answer at all,
        // which without a limit left a full run waiting for ever at the end of a test).
        try { body = response.Status is 204 or 304 ? "" : await response.TextAsync().WaitAsync(TimeSpan.FromSeconds(10)); }
        catch (Exception e) when (e is PlaywrightException or TimeoutException) { return []; }
        var contentType = response.Headers.TryGetValue("content-type", out var type) ? MediaTypeHeaderValue.Parse(type) : null;
        var requestType = request.Headers.TryGetValue("content-type", out var sent) ? MediaTypeHeaderValue.Parse(sent).MediaType : null;
        return (await host.Contract()).Check(new HttpMethod(request.Method), path, requestType, request.PostData, response.Status, contentType, body, url.Query);
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RepairDispatch.sln"))) dir = dir.Parent;
        return dir?.FullName ?? AppContext.BaseDirectory;
    }

    private static string ScreenshotFolder() => Directory.CreateDirectory(Path.Combine(RepositoryRoot(), "TestResults", "screenshots")).FullName;
}
