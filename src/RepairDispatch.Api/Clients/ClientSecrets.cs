using System.Security.Cryptography;
using System.Text;
using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Clients;

/// <summary>A machine client's secret: a <see cref="Secrets"/> secret with a recognisable prefix.</summary>
public static class ClientSecrets
{
    public static string New() => "rds_" + Secrets.New();

    public static string Hash(string secret) => Convert.ToHexString(Secrets.Sha256(secret));

    public static bool Matches(string storedHash, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(storedHash), Encoding.ASCII.GetBytes(Hash(presented)));
}
