using Dapper;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Api.Kpis;

/// <summary>
/// `RepairDispatch:Kpis:Aggregate` (default true): false stops the V0024 triggers marking orders (kpi_settings), so the
/// benchmark can price the marking; the facts then go stale until it is true again and the facts are rebuilt.
/// </summary>
public static class KpiSwitch
{
    private const string SetSql = "UPDATE kpi_settings SET aggregate = @On WHERE id = 1 AND aggregate <> @On";

    public static async Task ApplyAsync(IServiceProvider services)
    {
        var on = services.GetRequiredService<IConfiguration>().GetValue("RepairDispatch:Kpis:Aggregate", true);
        await using var c = await services.GetRequiredService<Db>().OpenAsync();
        await c.ExecuteAsync(SetSql, new { On = on ? 1 : 0 });
    }
}
