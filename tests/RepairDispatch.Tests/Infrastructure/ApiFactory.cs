using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Tests.Infrastructure;

/// <summary>
/// The real service in-process on a fresh SQLite file (one per test class), built by the real migrator.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "admin-password-for-tests";
    public const string SigningKey = "test-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz";
    public const string UserPassword = "user-password-123";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rd-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string> _tokens = new();
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private Task<OpenApiContract>? _contract;

    public string DatabasePath => Path.Combine(_dir, "test.db");

    /// <summary>The service's clock: a known day (see <see cref="TestClock"/>); tests move it to reach other days.</summary>
    public TestClock Clock { get; } = new();

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:RepairDispatch"] = $"Data Source={DatabasePath}",
        ["RepairDispatch:Bootstrap:AdminPassword"] = AdminPassword,
        ["RepairDispatch:Auth:SigningKey"] = SigningKey,
        ["RepairDispatch:Auth:LoginRequestsPerMinute"] = "100000",
        ["RepairDispatch:Auth:RequestsPerMinute"] = "100000",
        ["RepairDispatch:Public:RequestsPerMinutePerAddress"] = "100000",
        ["RepairDispatch:Public:RequestsPerMinutePerToken"] = "100000",
        ["RepairDispatch:Jobs:Enabled"] = "false", // no job server: tests run job classes directly
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_dir);
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    public Db Db => Services.GetRequiredService<Db>();

    /// <summary>A client whose every exchange is checked against the served OpenAPI document (hides the factory's own).</summary>
    public new HttpClient CreateClient() => CreateClient(ClientOptions);

    public new HttpClient CreateClient(WebApplicationFactoryClientOptions options)
    {
        var handlers = new List<DelegatingHandler>();
        if (options.AllowAutoRedirect) handlers.Add(new RedirectHandler(options.MaxAutomaticRedirections));
        if (options.HandleCookies) handlers.Add(new CookieContainerHandler());
        handlers.Add(new OpenApiValidatingHandler(Contract));
        return CreateDefaultClient(options.BaseAddress, [.. handlers]);
    }

    /// <summary>The served document, read once per host through a client that checks nothing.</summary>
    public Task<OpenApiContract> Contract() => _contract ??= ReadContract();

    private async Task<OpenApiContract> ReadContract()
    {
        using var plain = CreateDefaultClient(ClientOptions.BaseAddress);
        return OpenApiContract.For(await plain.GetStringAsync("/openapi/v1.json"));
    }

    /// <summary>A client carrying a bearer token of the given user (logged in once, then cached).</summary>
    public async Task<HttpClient> ClientAs(string username, string password = UserPassword)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenFor(username, password));
        return client;
    }

    public Task<HttpClient> AdminClient() => ClientAs("admin", AdminPassword);

    /// <summary>A client signed in as a machine client (a till, an integration) with its id and secret.</summary>
    public async Task<HttpClient> MachineClient(string clientId, string clientSecret)
    {
        var client = CreateClient();
        var answer = await client.PostAsJsonAsync("/api/v1/auth/client-token", new { clientId, clientSecret });
        answer.EnsureSuccessStatusCode();
        var token = (await answer.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<string> TokenFor(string username, string password = UserPassword)
    {
        await _tokenLock.WaitAsync();
        try
        {
            if (_tokens.TryGetValue(username, out var cached)) return cached;
            var response = await CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { username, password });
            response.EnsureSuccessStatusCode();
            var token = (await response.Content.ReadFromJsonAsync<TokenBody>())!.AccessToken;
            _tokens[username] = token;
            return token;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private sealed record TokenBody(string AccessToken);
}
