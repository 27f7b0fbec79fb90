using System.Security.Cryptography;
using System.Text;

namespace RepairDispatch.Api.Clients;

/// <summary>Secrets of 256 random bits, shown once; only their SHA-256 is kept (a slow hash adds nothing at this entropy).</summary>
public static class ClientSecrets
{
    public static string New() => "rds_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string storedHash, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(storedHash), Encoding.ASCII.GetBytes(Hash(presented)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
