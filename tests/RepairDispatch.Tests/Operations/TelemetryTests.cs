using System.Diagnostics.Metrics;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Operations;

/// <summary>The station's own metrics are published on the "RepairDispatch" meter that OpenTelemetry exports.</summary>
public class TelemetryTests(StationFixture api) : IClassFixture<StationFixture>
{
    [Fact]
    public async Task IntakeCountsCreatedOrdersAndTheOutboxBacklogIsObservable()
    {
        var d = await api.Data.ReadyAsync();
        long created = 0, backlog = -1;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == StationMetrics.Name) l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "repairdispatch.work_orders.created") Interlocked.Add(ref created, value);
            if (instrument.Name == "repairdispatch.outbox.backlog") Interlocked.Exchange(ref backlog, Math.Max(backlog, value));
        });
        listener.Start();

        await d.NewWorkOrder();
        await d.NewWorkOrder();
        listener.RecordObservableInstruments();

        created.Should().BeGreaterThanOrEqualTo(2);
        backlog.Should().BeGreaterThanOrEqualTo(0, "the gauge answered with a count");
    }
}
