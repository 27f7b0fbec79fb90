using Microsoft.AspNetCore.Identity;

namespace RepairDispatch.Api.Auth;

/// <summary>ASP.NET Core Identity's PBKDF2 (HMAC-SHA512, 100,000 iterations) password hash.</summary>
public static class Passwords
{
    private static readonly PasswordHasher<object> Hasher = new();
    private static readonly object Nobody = new();

    public static string Hash(string password) => Hasher.HashPassword(Nobody, password);

    public static bool Verify(string hash, string password) =>
        Hasher.VerifyHashedPassword(Nobody, hash, password) != PasswordVerificationResult.Failed;
}
