using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Api.Auth;

public static class SigningKey
{
    /// <summary>
    /// The configured key, or in embedded (SQLite) mode one generated once and kept next to the database file.
    /// SQL Server deployments must configure it, so that every node signs with the same key.
    /// </summary>
    public static SymmetricSecurityKey Resolve(AuthOptions options, Db db)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey)) return FromText(options.SigningKey);
        if (!db.IsSqlite)
            throw new InvalidOperationException("RepairDispatch:Auth:SigningKey must be configured when the provider is SqlServer.");
        var dataSource = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.ConnectionString).DataSource;
        var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dataSource))!, "signing.key");
        if (!File.Exists(path))
        {
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return FromText(File.ReadAllText(path).Trim());
    }

    private static SymmetricSecurityKey FromText(string text)
    {
        var bytes = IsBase64(text, out var decoded) ? decoded : Encoding.UTF8.GetBytes(text);
        if (bytes.Length < 32) throw new InvalidOperationException("RepairDispatch:Auth:SigningKey must hold at least 32 bytes.");
        return new SymmetricSecurityKey(bytes);
    }

    private static bool IsBase64(string text, out byte[] bytes)
    {
        bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text, bytes, out var n) && n >= 32 && (bytes = bytes[..n]).Length > 0;
    }
}
