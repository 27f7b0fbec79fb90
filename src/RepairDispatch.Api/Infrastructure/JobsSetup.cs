using Hangfire;
using RepairDispatch.Api.Settlements;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>
/// Hangfire: in-memory storage in embedded mode, SQL Server storage in production. Jobs are idempotent sweeps over
/// database state, so a lost or repeated run loses and doubles nothing. Every recurring job is listed here.
/// `RepairDispatch:Jobs:Enabled=false` runs no job server (tests run job classes directly).
/// </summary>
public static class JobsSetup
{
    private static readonly TimeZoneInfo StationZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration config, Db db)
    {
        services.AddHangfire(h =>
        {
            h.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            if (db.IsSqlite) h.UseInMemoryStorage();
            else h.UseSqlServerStorage(db.ConnectionString);
        });
        if (config.GetValue("RepairDispatch:Jobs:Enabled", true)) services.AddHangfireServer();
        services.AddTransient<MonthlySettlementJob>();
        services.AddTransient<RetentionJob>();
        return services;
    }

    public static void ScheduleRecurringJobs(IServiceProvider services)
    {
        var jobs = services.GetRequiredService<IRecurringJobManager>();
        // 02:00 on the 1st, station time: settle the month that just ended.
        jobs.AddOrUpdate<MonthlySettlementJob>("settlement-monthly", job => job.RunAsync(), "0 2 1 * *",
            new RecurringJobOptions { TimeZone = StationZone });
        jobs.AddOrUpdate<RetentionJob>("retention-sweep", job => job.RunAsync(), "17 * * * *");
    }

    /// <summary>The job dashboard, for admins and managers only.</summary>
    public static void MapJobsDashboard(this WebApplication app) =>
        app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], AppPath = null })
            .RequireAuthorization(Auth.Policies.Dispatch);
}
