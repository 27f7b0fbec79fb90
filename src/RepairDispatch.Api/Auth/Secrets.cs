using System.Security.Cryptography;
using System.Text;

namespace RepairDispatch.Api.Auth;

/// <summary>
/// A secret handed out once (a refresh token, a machine client's secret, a customer's link): 256 random bits as
/// base64url; only its SHA-256 is kept (a slow hash adds nothing at this entropy).
/// </summary>
public static class Secrets
{
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Sha256(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
