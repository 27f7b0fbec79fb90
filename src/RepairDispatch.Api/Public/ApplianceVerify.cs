using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.Options;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Notifications;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Public;

public sealed record PublicVerifyRequest([property: Required, StringLength(20, MinimumLength = 5)] string Phone);

/// <param name="ValidMinutes">How long a code sent now is good for.</param>
public sealed record PublicCodeSent(int ValidMinutes);

/// <summary>
/// The sticker's page asks for the phone on file and texts a 6-digit code to it. The answer is the same whether or not
/// the number is the customer's (nothing learnt by trying numbers); only a matching number gets a code and a message.
/// </summary>
public static class ApplianceVerify
{
    private const string PhoneSql = """
        SELECT p.phone FROM appliances a JOIN customer_phones p ON p.customer_id = a.customer_id
        WHERE a.id = @ApplianceId AND p.phone = @Phone
        """;
    private const string CodeSql = "UPDATE public_links SET code_hash = @CodeHash, code_expires_at = @ExpiresAt WHERE id = @Id";

    public static async Task<IResult> Handle(string token, PublicVerifyRequest request, Db db, TimeProvider clock, IOptions<PublicOptions> options,
        IOptions<NotificationOptions> notifications)
    {
        var now = clock.GetUtcNow();
        var phone = request.Phone.Trim();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var link = await PublicLinks.FindAsync(c, tx, token, LinkKind.Appliance, now);
            if (link is null) return Problems.NotFound(Codes.Public.Link);
            if (link.LockedUntil > now) return Locked(link.LockedUntil.Value, now);
            var minutes = options.Value.CodeMinutes;
            if (await c.ExecuteScalarAsync<string?>(PhoneSql, new { link.ApplianceId, Phone = phone }, tx) is { } onFile)
            {
                var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
                await c.ExecuteAsync(CodeSql, new { link.Id, CodeHash = PublicLinks.CodeHash(link.Id, code), ExpiresAt = now.AddMinutes(minutes) }, tx);
                await Outbox.ToPhoneAsync(c, tx, link.StoreId, MessageTemplate.VerificationCode, onFile,
                    new() { ["code"] = code, ["minutes"] = minutes }, notifications.Value.Language, now);
            }
            return TypedResults.Accepted((string?)null, new PublicCodeSent(minutes));
        });
    }

    /// <summary>A locked link answers 429 with the seconds left, as a rate limit does.</summary>
    public static IResult Locked(DateTimeOffset until, DateTimeOffset now) =>
        new Auth.RetryAfter(Math.Max(1, (int)Math.Ceiling((until - now).TotalSeconds)), Problems.TooManyRequests(Codes.Public.Locked));
}
