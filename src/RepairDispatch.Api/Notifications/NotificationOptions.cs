namespace RepairDispatch.Api.Notifications;

/// <summary>`RepairDispatch:Notifications`: message language, which sender delivers, and the retry budget.</summary>
public sealed class NotificationOptions
{
    /// <summary>`zh-CN` or `en`: the language of the templates.</summary>
    public string Language { get; set; } = "zh-CN";

    /// <summary>`Log` (embedded default: messages are written to the log) or `Http` (an SMS/webhook gateway).</summary>
    public string Sender { get; set; } = "Log";

    /// <summary>The gateway's URL; each message is POSTed there as JSON with an Idempotency-Key header.</summary>
    public string? GatewayUrl { get; set; }

    /// <summary>Sent as a bearer token to the gateway, if set (from configuration or a secret store, never the repo).</summary>
    public string? GatewayToken { get; set; }

    /// <summary>Delivery attempts before a message is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The gateway call: per-attempt and total timeouts, retries, and when the circuit opens and for how long.</summary>
    public double AttemptTimeoutSeconds { get; set; } = 3;
    public double TotalTimeoutSeconds { get; set; } = 10;
    public int Retries { get; set; } = 3;
    public double RetryDelaySeconds { get; set; } = 0.2;
    public int CircuitMinimumThroughput { get; set; } = 10;
    public double CircuitBreakSeconds { get; set; } = 15;

    /// <summary>Messages a dispatch run reads at a time; it reads again until none is due.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Messages a node sends at once (gateway calls in flight).</summary>
    public int SendConcurrency { get; set; } = 4;
}
