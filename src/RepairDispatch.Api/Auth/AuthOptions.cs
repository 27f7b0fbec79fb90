namespace RepairDispatch.Api.Auth;

public sealed class AuthOptions
{
    /// <summary>HMAC signing key (at least 32 bytes, base64 or plain text). Embedded mode keeps a generated one under data/.</summary>
    public string? SigningKey { get; set; }
    public string Issuer { get; set; } = "RepairDispatch";
    public int AccessTokenMinutes { get; set; } = 30;
    public int RefreshTokenDays { get; set; } = 14;
    /// <summary>Wrong passwords in a row before an account is locked for a while.</summary>
    public int MaxFailedLogins { get; set; } = 5;
    public int LockoutSeconds { get; set; } = 60;
    /// <summary>Token requests per client address per minute.</summary>
    public int LoginRequestsPerMinute { get; set; } = 30;
    /// <summary>API requests per user (or anonymous address) per minute.</summary>
    public int RequestsPerMinute { get; set; } = 600;
}
