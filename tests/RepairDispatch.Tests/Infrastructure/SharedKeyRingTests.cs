using System.Net;
using System.Net.Http.Headers;

namespace RepairDispatch.Tests.Infrastructure;

/// <summary>
/// Two nodes behind one proxy (deploy/README.md): the job dashboard's cookie is sealed with Data Protection, so a cookie one
/// node made opens the dashboard on another only when both read the key ring of RepairDispatch:DataProtection:KeyFolder.
/// </summary>
public sealed class SharedKeyRingTests : IDisposable
{
    private readonly string _shared = Path.Combine(Path.GetTempPath(), "rd-tests", "keys-" + Guid.NewGuid().ToString("N"));
    private readonly string _other = Path.Combine(Path.GetTempPath(), "rd-tests", "keys-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task ADashboardCookieFromOneNodeOpensTheDashboardOnANodeWithTheSameKeyFolderOnly()
    {
        using var node1 = new KeyFolderHost(_shared);
        using var node2 = new KeyFolderHost(_shared);
        using var elsewhere = new KeyFolderHost(_other);
        using var admin = await node1.AdminClient();
        using var start = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/dashboard-session") { Headers = { Authorization = admin.DefaultRequestHeaders.Authorization } };
        using var session = await admin.SendAsync(start);
        session.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var cookie = session.Headers.GetValues("Set-Cookie").Single().Split(';')[0];

        (await Dashboard(node2, cookie)).Should().Be(HttpStatusCode.OK, "node 2 reads node 1's key ring");
        (await Dashboard(elsewhere, cookie)).Should().Be(HttpStatusCode.Unauthorized, "another key ring cannot open the cookie");
        Directory.EnumerateFiles(_shared, "key-*.xml").Should().ContainSingle("both nodes use the one key node 1 made");
    }

    private static async Task<HttpStatusCode> Dashboard(ApiFactory node, string cookie)
    {
        using var browser = node.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire") { Headers = { { "Cookie", cookie } } };
        using var response = await browser.SendAsync(request);
        return response.StatusCode;
    }

    public void Dispose()
    {
        foreach (var dir in new[] { _shared, _other })
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    private sealed class KeyFolderHost(string folder) : ApiFactory
    {
        protected override IDictionary<string, string?> Settings
        {
            get
            {
                var s = base.Settings;
                s["RepairDispatch:DataProtection:KeyFolder"] = folder;
                return s;
            }
        }
    }
}
