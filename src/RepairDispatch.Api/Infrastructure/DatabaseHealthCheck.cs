using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>Ready = the database answers and its schema is exactly what this build expects (nothing pending, nothing newer).</summary>
public sealed class DatabaseHealthCheck(Db db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var schema = await SchemaVersion.ReadAsync(db, ct);
            return schema.Problem is { } problem ? HealthCheckResult.Unhealthy(problem) : HealthCheckResult.Healthy($"Schema {schema.CodeVersion}.");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("Database unreachable.", e);
        }
    }
}
