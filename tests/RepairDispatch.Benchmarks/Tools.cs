using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RepairDispatch.Benchmarks;

/// <summary>Small helpers for bench/run.sh, so that the script needs nothing but the .NET SDK.</summary>
public static class Tools
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Console.WriteLine(((IPEndPoint)listener.LocalEndpoint).Port);
        return 0;
    }

    public static async Task<int> WaitReadyAsync(Options options)
    {
        var url = new Uri(new Uri(options.Required("url")), "/health/ready");
        var deadline = Stopwatch.StartNew();
        var timeout = TimeSpan.FromSeconds(options.Int("timeout", 60));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (deadline.Elapsed < timeout)
        {
            try
            {
                using var response = await http.GetAsync(url);
                if (response.StatusCode == HttpStatusCode.OK) return 0;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        await Console.Error.WriteLineAsync($"{url} did not answer 200 within {timeout.TotalSeconds:0} s");
        return 1;
    }
}
