using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.WorkOrders;

/// <summary>
/// `occurredAt`: when a step happened by the phone's clock, reported later by a phone that was offline. Kept next to
/// the server's time; refused in the future (beyond a minute of clock skew) or more than 7 days back.
/// </summary>
public static class ClientTime
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(7);
    public static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(1);

    public static IResult? Check(DateTimeOffset? occurredAt, DateTimeOffset now) => occurredAt switch
    {
        null => null,
        { } t when t > now + AllowedSkew => Problems.Validation("occurredAt", Codes.Refusal.OccurredInFuture),
        { } t when t < now - MaxAge => Problems.Validation("occurredAt", Codes.Refusal.OccurredTooOld),
        _ => null,
    };
}
