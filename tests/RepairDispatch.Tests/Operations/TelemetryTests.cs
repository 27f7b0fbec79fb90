using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Operations;

/// <summary>The station's own metrics are published on the "RepairDispatch" meter that OpenTelemetry exports.</summary>
public class TelemetryTests(StationFixture api) : IClassFixture<StationFixture>
{
    /// <summary>
    /// The meter is process-wide and other test classes create orders at the same time: this test counts only its own
    /// store's orders (the `store.id` tag) and only its own host's gauge (the meter's scope is the host's IMeterFactory).
    /// </summary>
    [Fact]
    public async Task IntakeCountsCreatedOrdersAndTheOutboxBacklogIsObservable()
    {
        var d = await api.Data.ReadyAsync();
        var host = api.Services.GetRequiredService<IMeterFactory>();
        long created = 0, backlog = -1;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == StationMetrics.Name) l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "repairdispatch.work_orders.created" && tags.ToArray().Any(t => t.Key == "store.id" && Equals(t.Value, Guid.Parse(d.StoreId))))
                Interlocked.Add(ref created, value);
            if (instrument.Name == "repairdispatch.outbox.backlog" && ReferenceEquals(instrument.Meter.Scope, host)) Interlocked.Exchange(ref backlog, value);
        });
        listener.Start();

        await d.NewWorkOrder();
        await d.NewWorkOrder();
        listener.RecordObservableInstruments();

        created.Should().Be(2);
        backlog.Should().Be(await d.CountRows("outbox_messages WHERE status = 'Pending'"));
    }
}
