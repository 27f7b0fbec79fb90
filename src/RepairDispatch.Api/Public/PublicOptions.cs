namespace RepairDispatch.Api.Public;

/// <summary>`RepairDispatch:Public`: the customer's links (where they point, how long they live) and the limits on the public routes.</summary>
public sealed class PublicOptions
{
    /// <summary>The address customers open (`https://service.example.cn`); else the address the desk's request came to.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>An order's link lives long enough to rate the job after completion.</summary>
    public int OrderLinkDays { get; set; } = 30;

    /// <summary>The sticker on an appliance is printed once: its link lives for years (revocable at the desk).</summary>
    public int ApplianceLinkDays { get; set; } = 3650;

    public int CodeMinutes { get; set; } = 10;
    public int MaxWrongCodes { get; set; } = 5;
    public int LockMinutes { get; set; } = 30;

    /// <summary>Requests per minute to the public routes from one address, and with one token.</summary>
    public int RequestsPerMinutePerAddress { get; set; } = 60;
    public int RequestsPerMinutePerToken { get; set; } = 30;
}
