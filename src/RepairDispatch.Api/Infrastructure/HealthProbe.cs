namespace RepairDispatch.Api.Infrastructure;

/// <summary>
/// `healthcheck URL`: for a container's HEALTHCHECK (the runtime image has no curl). Exits 0 when the URL answers 200
/// within 3 s, else 1. Runs before the service is built, so it costs a process start and one request.
/// </summary>
public static class HealthProbe
{
    public static async Task<int> RunAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(url);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 1;
        }
    }
}
