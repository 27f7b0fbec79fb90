namespace RepairDispatch.Tests.Console;

/// <summary>
/// A fact that drives a real Chromium (Debian's /usr/bin/chromium, or REPAIRDISPATCH_CHROMIUM); without one it is
/// reported as skipped with a loud reason, like the SQL Server contract tests. Playwright never downloads a browser here.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Variable = "REPAIRDISPATCH_CHROMIUM";

    public static string ChromiumPath => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(ChromiumPath))
            Skip = $"BROWSER TESTS SKIPPED: no Chromium at {ChromiumPath}; install it (apt-get install chromium) or set {Variable} to run the console tests.";
    }
}
