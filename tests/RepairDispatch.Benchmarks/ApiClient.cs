using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace RepairDispatch.Benchmarks;

/// <summary>What the measuring commands share over HTTP: the loopback check, one pooled handler, logins, bearer clients.</summary>
public static class ApiClient
{
    /// <summary>The URL of option <paramref name="name"/>; only a loopback address (the benchmark only loads the local machine).</summary>
    public static Uri LoopbackUrl(Options options, string name) => LoopbackUrl(options.Required(name), name);

    public static Uri LoopbackUrl(string value, string name)
    {
        var url = new Uri(value);
        if (!IPAddress.TryParse(url.Host, out var ip) || !IPAddress.IsLoopback(ip))
            throw new ArgumentException($"--{name} must point at a loopback address such as http://127.0.0.1:5080 (the benchmark only loads the local machine).");
        return url;
    }

    public static SocketsHttpHandler Handler() => new()
    {
        MaxConnectionsPerServer = 1024,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
    };

    public static async Task<string> LoginAsync(HttpClient http, string username, string password)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Login as {username} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var token = await response.Content.ReadFromJsonAsync<TokenBody>();
        return token?.AccessToken ?? throw new InvalidOperationException("No access token in the login answer.");
    }

    public static HttpClient Authenticated(HttpMessageHandler handler, Uri url, string token)
    {
        var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private sealed record TokenBody(string AccessToken);
}
