using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Auth;

public sealed record TokenRequest(
    [property: Required, StringLength(64)] string Username,
    [property: Required, StringLength(128)] string Password);

public static class IssueToken
{
    private const string FindUserSql = """
        SELECT id, username, password_hash, role, store_id, technician_id, active, failed_logins, locked_until
        FROM users WHERE username = @Username
        """;
    private const string LoginFailedSql = """
        UPDATE users SET failed_logins = failed_logins + 1,
               locked_until = CASE WHEN failed_logins + 1 >= @Max THEN @LockUntil ELSE locked_until END
        WHERE id = @Id
        """;
    private const string LoginSucceededSql = "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = @Id";

    public static async Task<IResult> Handle(TokenRequest request, Db db, Tokens tokens, TimeProvider clock,
        IOptions<AuthOptions> options, ILoggerFactory logs)
    {
        var log = logs.CreateLogger(typeof(IssueToken));
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var user = (await c.QueryAsync<UserRowData>(FindUserSql, new { request.Username }, tx)).FirstOrDefault();
            if (user is { LockedUntil: { } until } && until > now)
            {
                var seconds = (int)Math.Ceiling((until - now).TotalSeconds);
                log.LogWarning("Login refused for locked account {Username}", request.Username);
                return new RetryAfter(seconds, Problems.TooManyRequests(Codes.Refusal.TooManyFailedLogins));
            }
            if (user is null || !user.Active || !Passwords.Verify(user.PasswordHash, request.Password))
            {
                if (user is not null)
                {
                    var lockUntil = now.AddSeconds(options.Value.LockoutSeconds);
                    await c.ExecuteAsync(LoginFailedSql, new { user.Id, Max = options.Value.MaxFailedLogins, LockUntil = lockUntil }, tx);
                }
                log.LogWarning("Failed login for {Username}", request.Username);
                // The failed attempt must count towards the lockout even though the login is refused.
                return new CommitAndRefuse(Problems.Make(StatusCodes.Status401Unauthorized, "invalid-credentials", Codes.Refusal.WrongPassword));
            }
            if (user.FailedLogins > 0) await c.ExecuteAsync(LoginSucceededSql, new { user.Id }, tx);
            var subject = new TokenSubject(user.Id, user.Username, user.Role, user.StoreId, user.TechnicianId);
            return TypedResults.Ok(await tokens.IssueAsync(c, tx, subject, Guid.CreateVersion7()));
        });
    }

    private sealed class UserRowData
    {
        public Guid Id { get; init; }
        public string Username { get; init; } = "";
        public string PasswordHash { get; init; } = "";
        public string Role { get; init; } = "";
        public Guid? StoreId { get; init; }
        public Guid? TechnicianId { get; init; }
        public bool Active { get; init; }
        public long FailedLogins { get; init; }
        public DateTimeOffset? LockedUntil { get; init; }
    }
}

/// <summary>A 429 with its Retry-After header.</summary>
public sealed class RetryAfter(int seconds, IResult inner) : IResult, INestedHttpResult
{
    public IResult Result => inner;

    public Task ExecuteAsync(HttpContext http)
    {
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return inner.ExecuteAsync(http);
    }
}
