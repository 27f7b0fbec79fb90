using System.Diagnostics;
using System.Diagnostics.Metrics;
using Dapper;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>
/// OpenTelemetry metrics (ASP.NET Core, HttpClient, the runtime, and the station's own measures, <see cref="StationMetrics"/>)
/// and, when an OTLP endpoint is configured (`OTEL_EXPORTER_OTLP_ENDPOINT`, the standard variable), traces of ASP.NET
/// Core, HttpClient and SqlClient exported with the metrics. Log lines carry the trace and span ids.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "repairdispatch";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation()
                .AddMeter(StationMetrics.Name));
        if (string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) return builder;
        // Spans cost on every request (measured: the read benchmark fell below its goal), so they are recorded only
        // when there is somewhere to send them.
        otel.WithTracing(t => t.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddSqlClientInstrumentation()
                .AddSource(StationMetrics.Name))
            .UseOtlpExporter();
        return builder;
    }
}

/// <summary>The station's own measures, for dashboards and alerts.</summary>
public static class StationMetrics
{
    public const string Name = "RepairDispatch";
    private static readonly Meter Meter = new(Name);

    /// <summary>Tagged with the store (`store.id`): intake per store, and one service's count apart from another's in one process.</summary>
    public static readonly Counter<long> WorkOrdersCreated = Meter.CreateCounter<long>("repairdispatch.work_orders.created", "{order}",
        "Work orders taken at intake.");
    public static readonly Counter<long> SlaBreaches = Meter.CreateCounter<long>("repairdispatch.sla.breaches", "{breach}",
        "Missed deadlines flagged by the watchdog.");
    public static readonly Histogram<double> DispatchLatency = Meter.CreateHistogram<double>("repairdispatch.dispatch.duration", "s",
        "Ranking candidates or computing a day plan.");
    public static readonly Histogram<double> SettlementRunDuration = Meter.CreateHistogram<double>("repairdispatch.settlement.run.duration", "s",
        "Collecting one settlement run.");


    /// <summary>Times a piece of dispatch work into <see cref="DispatchLatency"/>, tagged with what it was.</summary>
    public static IDisposable TimeDispatch(string what) => new Timing(DispatchLatency, what);

    private sealed class Timing(Histogram<double> histogram, string what) : IDisposable
    {
        private readonly long _start = Stopwatch.GetTimestamp();
        public void Dispose() => histogram.Record(Stopwatch.GetElapsedTime(_start).TotalSeconds, new KeyValuePair<string, object?>("kind", what));
    }
}

/// <summary>
/// Messages waiting to be sent, counted when metrics are collected. On a meter from the host's IMeterFactory, so the
/// gauge goes away with the host (a static meter would keep calling a database that is gone).
/// </summary>
public sealed class OutboxBacklogGauge
{
    private const string BacklogSql = "SELECT COUNT(*) FROM outbox_messages WHERE status = 'Pending'";

    public OutboxBacklogGauge(IMeterFactory meters, Db db) =>
        meters.Create(StationMetrics.Name).CreateObservableGauge("repairdispatch.outbox.backlog", () =>
        {
            using var c = db.OpenAsync().GetAwaiter().GetResult();
            return c.ExecuteScalar<long>(BacklogSql);
        }, "{message}", "Messages not yet delivered.");
}
