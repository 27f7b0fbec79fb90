
namespace RepairDispatch.Api.Notifications;

public static class NotificationsSetup
{
    /// <summary>
    /// The sender from configuration (`Log` by default); the gateway's HttpClient gets the standard resilience
    /// pipeline: a total timeout, retries with exponential backoff and jitter on transient answers (5xx, 408, 429,
    /// network errors), a circuit breaker that opens when half the calls of 30 s fail, and a timeout per attempt.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<NotificationOptions>(config.GetSection("RepairDispatch:Notifications"));
        services.AddTransient<OutboxDispatchJob>();
        var options = config.GetSection("RepairDispatch:Notifications").Get<NotificationOptions>() ?? new NotificationOptions();
        if (!string.Equals(options.Sender, "Http", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IMessageSender, LogMessageSender>();
            return services;
        }
        if (!Uri.TryCreate(options.GatewayUrl, UriKind.Absolute, out _))
            throw new InvalidOperationException("RepairDispatch:Notifications:GatewayUrl must be an absolute URL when the sender is Http.");
        services.AddHttpClient(HttpGatewaySender.ClientName).AddStandardResilienceHandler(r =>
        {
            r.AttemptTimeout.Timeout = TimeSpan.FromSeconds(options.AttemptTimeoutSeconds);
            r.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(options.TotalTimeoutSeconds);
            r.Retry.MaxRetryAttempts = options.Retries;
            r.Retry.Delay = TimeSpan.FromSeconds(options.RetryDelaySeconds);
            r.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(Math.Max(30, 2 * options.AttemptTimeoutSeconds));
            r.CircuitBreaker.MinimumThroughput = options.CircuitMinimumThroughput;
            r.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(options.CircuitBreakSeconds);
        });
        services.AddSingleton<IMessageSender, HttpGatewaySender>();
        return services;
    }
}
