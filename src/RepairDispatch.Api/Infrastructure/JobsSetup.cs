using Hangfire;
using RepairDispatch.Api.Settlements;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>`RepairDispatch:Jobs:Schedules:{job id}`: when a recurring job runs (cron) and in which time zone (default: the store default).</summary>
public sealed class JobSchedule
{
    public string Cron { get; set; } = "";
    public string? TimeZone { get; set; }
}

/// <summary>
/// Hangfire: in-memory storage in embedded mode, SQL Server storage in production. Jobs are idempotent sweeps over
/// database state, so a lost or repeated run loses and doubles nothing, and no scheduled work lives only in
/// Hangfire's storage. Every recurring job is listed here with its default schedule; configuration may change it.
/// `RepairDispatch:Jobs:Enabled=false` runs no job server (tests run job classes directly).
/// </summary>
public static class JobsSetup
{
    /// <summary>Job id → default cron (station time).</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultSchedules = new Dictionary<string, string>
    {
        ["settlement-monthly"] = "0 2 * * *",  // 02:00 daily: settle the month once it has ended in every store (then nothing)
        ["sla-watchdog"] = "* * * * *",        // every minute: flag and escalate missed deadlines
        ["outbox-dispatch"] = "* * * * *",     // every minute: deliver pending messages
        ["retention-sweep"] = "17 * * * *",    // hourly: delete idempotency keys, pings, tombstones past retention
        ["dispatch-plans"] = "* * * * *",      // every minute: compute queued day plans, re-queue ones whose run died
        ["claims-expiry"] = "5 0 * * *",       // 00:05 daily: claims past their submit deadline become Expired
        ["kpi-facts"] = "* * * * *",           // every minute: recompute the KPI facts of orders changed since (docs/kpis.md)
        ["claim-runs"] = "* * * * *",          // every minute: fold the claims settlement runs took into the claim rows
    };

    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration config, Db db)
    {
        services.AddHangfire((sp, h) =>
        {
            h.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings()
                .UseLogProvider(new HangfireLogs(sp.GetRequiredService<ILoggerFactory>()));
            if (db.IsSqlite) h.UseInMemoryStorage();
            else h.UseSqlServerStorage(db.ConnectionString);
        });
        if (config.GetValue("RepairDispatch:Jobs:Enabled", true)) services.AddHangfireServer();
        services.AddTransient<MonthlySettlementJob>();
        services.AddTransient<RetentionJob>();
        services.AddTransient<WorkOrders.SlaWatchdog>();
        services.AddTransient<Dispatch.DayPlanJob>();
        services.AddTransient<Claims.ClaimExpiryJob>();
        services.AddTransient<Kpis.KpiRefresh>();
        services.AddTransient<Claims.ClaimRuns>();
        return services;
    }

    public static void ScheduleRecurringJobs(IServiceProvider services)
    {
        var jobs = services.GetRequiredService<IRecurringJobManager>();
        var config = services.GetRequiredService<IConfiguration>();
        var defaultZone = services.GetRequiredService<Stores.StoreClock>().Default.Id;
        JobSchedule ScheduleOf(string id)
        {
            var schedule = config.GetSection("RepairDispatch:Jobs:Schedules:" + id).Get<JobSchedule>() ?? new JobSchedule();
            if (string.IsNullOrWhiteSpace(schedule.Cron)) schedule.Cron = DefaultSchedules[id];
            if (string.IsNullOrWhiteSpace(schedule.TimeZone)) schedule.TimeZone = defaultZone;
            return schedule;
        }
        void Add<TJob>(string id, System.Linq.Expressions.Expression<Func<TJob, Task>> run)
        {
            var schedule = ScheduleOf(id);
            jobs.AddOrUpdate(id, run, schedule.Cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone!) });
        }
        Add<MonthlySettlementJob>("settlement-monthly", job => job.RunAsync());
        Add<WorkOrders.SlaWatchdog>("sla-watchdog", job => job.RunAsync());
        Add<Notifications.OutboxDispatchJob>("outbox-dispatch", job => job.RunAsync());
        Add<RetentionJob>("retention-sweep", job => job.RunAsync());
        Add<Dispatch.DayPlanJob>("dispatch-plans", job => job.SweepAsync());
        Add<Claims.ClaimExpiryJob>("claims-expiry", job => job.RunAsync());
        Add<Kpis.KpiRefresh>("kpi-facts", job => job.DrainAsync(CancellationToken.None));
        Add<Claims.ClaimRuns>("claim-runs", job => job.FoldAsync());
    }

    /// <summary>The job dashboard, for admins and managers only: bearer token, or the cookie from /api/v1/auth/dashboard-session.</summary>
    public static void MapJobsDashboard(this WebApplication app) =>
        app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], AppPath = null })
            .RequireAuthorization(Auth.DashboardSession.Policy);
}
