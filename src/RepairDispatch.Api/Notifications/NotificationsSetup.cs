using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace RepairDispatch.Api.Notifications;

public static class NotificationsSetup
{
    /// <summary>
    /// The sender from configuration (`Log` by default); the gateway's HttpClient gets the standard resilience
    /// pipeline: a 10 s total timeout, 3 retries with exponential backoff and jitter on transient answers, a circuit
    /// breaker that opens after half the calls of 30 s fail, and a 3 s timeout per attempt.
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
            r.AttemptTimeout.Timeout = TimeSpan.FromSeconds(3);
            r.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(10);
            r.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);
            r.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(15);
        });
        services.AddSingleton<IMessageSender, HttpGatewaySender>();
        return services;
    }
}
