using System.Security.Cryptography;
using System.Text.RegularExpressions;
using RepairDispatch.Tests.Console;

namespace RepairDispatch.Tests.MobileApp;

/// <summary>
/// A phone serves the app from the shell its service worker cached, and takes a new shell only when sw.js changes: the
/// cache name carries a hash of the shell's files, so a change to any of them that forgets the name fails here.
/// </summary>
public class ShellVersionTests
{
    [Fact]
    public void TheServiceWorkersCacheNameIsTheHashOfTheShellItCaches()
    {
        var root = Path.Combine(BrowserRun.RepositoryRoot(), "src", "RepairDispatch.Api", "wwwroot");
        var worker = File.ReadAllText(Path.Combine(root, "m", "sw.js"));
        var shell = Regex.Matches(Regex.Match(worker, @"const shell = \[(.*?)\];", RegexOptions.Singleline).Groups[1].Value, "'(/m/[^']*)'")
            .Select(m => m.Groups[1].Value).ToList();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in shell) hash.AppendData(File.ReadAllBytes(Path.Combine(root, (path == "/m/" ? "/m/index.html" : path).TrimStart('/'))));

        var version = "rd-m-" + Convert.ToHexString(hash.GetHashAndReset())[..12].ToLowerInvariant();

        shell.Should().Contain("/m/js/jobs.js");
        worker.Should().Contain($"const version = '{version}';", "phones keep the shell they cached until the cache name changes");
    }
}
