using System.Security.Cryptography;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Api.Users;

/// <summary>
/// First start: a default store and, when there is no user at all, the `admin` user with the configured
/// password (RepairDispatch:Bootstrap:AdminPassword) or a random one that is logged once.
/// </summary>
public static class Bootstrap
{
    private const string CountStoresSql = "SELECT COUNT(*) FROM stores";
    private const string InsertStoreSql = """
        INSERT INTO stores (id, code, name, city, address, time_zone, created_at)
        VALUES (@Id, 'MAIN', 'Main store', 'Shanghai', 'Main store address (edit me)', @TimeZone, @Now)
        """;
    private const string CountUsersSql = "SELECT COUNT(*) FROM users";
    private const string InsertAdminSql = """
        INSERT INTO users (id, username, password_hash, role, store_id, technician_id, active, failed_logins, created_at)
        VALUES (@Id, 'admin', @Hash, 'admin', NULL, NULL, 1, 0, @Now)
        """;

    public static async Task RunAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<Db>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var config = services.GetRequiredService<IConfiguration>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Bootstrap));
        var configured = config["RepairDispatch:Bootstrap:AdminPassword"];
        var password = string.IsNullOrEmpty(configured) ? RandomPassword() : configured;
        var created = await db.InTransactionAsync(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<long>(CountStoresSql, transaction: tx) == 0)
                await c.ExecuteAsync(InsertStoreSql, new { Id = Guid.CreateVersion7(), Now = now, TimeZone = services.GetRequiredService<Stores.StoreClock>().Default.Id }, tx);
            if (await c.ExecuteScalarAsync<long>(CountUsersSql, transaction: tx) > 0) return false;
            await c.ExecuteAsync(InsertAdminSql, new { Id = Guid.CreateVersion7(), Hash = Passwords.Hash(password), Now = now }, tx);
            return true;
        });
        if (!created) return;
        if (string.IsNullOrEmpty(configured))
        {
            // To the console only, never to the structured log (which is shipped and kept): the one secret shown, once.
            log.LogWarning("Created user 'admin' with a generated password, printed once to the console; change it");
            Console.WriteLine($"Generated password of 'admin' (shown once, change it): {password}");
        }
        else
            log.LogInformation("Created user 'admin' with the configured bootstrap password");
    }

    private static string RandomPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'x').Replace('/', 'y');
}
