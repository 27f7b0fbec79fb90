using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>
/// Hangfire keeps one log provider for the whole process (a static), set by the host that configured it last. When that
/// host stops it disposes its logger factory, and a Hangfire logger asked for afterwards by another host in the same
/// process (every test class is one) threw ObjectDisposedException from the request that enqueued a job: a 500 that
/// depended on which test class had finished first. Such a logger now logs nothing instead.
/// </summary>
public sealed class HangfireLogs(ILoggerFactory loggers) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggers);

    public ILog GetLogger(string name)
    {
        try { return _inner.GetLogger(name); }
        catch (ObjectDisposedException) { return Silent.Instance; }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
