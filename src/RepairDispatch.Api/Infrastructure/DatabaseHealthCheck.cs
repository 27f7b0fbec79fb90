using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>Ready = the database answers and holds the migration journal.</summary>
public sealed class DatabaseHealthCheck(Db db) : IHealthCheck
{
    private const string MigratedSql = "SELECT COUNT(*) FROM schema_version";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var c = await db.OpenAsync(ct);
            var applied = await c.ExecuteScalarAsync<long>(MigratedSql);
            return applied > 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("No migration applied.");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("Database unreachable.", e);
        }
    }
}
