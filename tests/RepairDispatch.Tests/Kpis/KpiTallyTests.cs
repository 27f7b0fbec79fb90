using System.Text.Json;
using RepairDispatch.Api.Kpis;

namespace RepairDispatch.Tests.Kpis;

/// <summary>
/// The figures of a group are the same whether its fact rows are folded one by one (filtered questions) or first kept as
/// store-day tallies, stored as bytes and merged (the chain's and a store's questions): random rows, every grouping the
/// tallies serve, compared figure by figure.
/// </summary>
public class KpiTallyTests
{
    private static readonly string[] Stores = [Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), Guid.NewGuid().ToString()];
    private static readonly string[] Technicians = [.. Enumerable.Range(0, 6).Select(_ => Guid.NewGuid().ToString())];
    private static readonly DateOnly Today = new(2026, 6, 20);

    [Theory]
    [InlineData(KpiGrouping.None, 1)]
    [InlineData(KpiGrouping.Day, 2)]
    [InlineData(KpiGrouping.Week, 3)]
    [InlineData(KpiGrouping.Month, 4)]
    [InlineData(KpiGrouping.Store, 5)]
    public void StoreDayTalliesGiveTheFiguresOfTheRowsThemselves(KpiGrouping grouping, int seed)
    {
        var random = new Random(seed);
        var rows = Enumerable.Range(0, 400).Select(_ => Row(random)).ToList();

        var direct = new KpiFold(grouping, Today);
        var storeDays = new Dictionary<(string, DateOnly), KpiTally>();
        KpiTally StoreDay(string store, DateOnly day) => storeDays.TryGetValue((store, day), out var t) ? t : storeDays[(store, day)] = new KpiTally();
        foreach (var (store, created, completed) in rows)
        {
            direct[direct.KeyOf(created.Day, store, null, "")].AddCreated(created.Assign, created.OnSite, created.AssignMet, created.OnSiteMet);
            StoreDay(store, created.Day).AddCreated(created.Assign, created.OnSite, created.AssignMet, created.OnSiteMet);
            if (completed is null) continue;
            direct[direct.KeyOf(completed.CompletedDay, store, completed.TechnicianId, "")].AddCompleted(completed);
            StoreDay(store, completed.CompletedDay).AddCompleted(completed);
        }
        var merged = new KpiFold(grouping, Today);
        foreach (var ((store, day), tally) in storeDays)
            merged[merged.KeyOf(day, store, null, "")].Merge(KpiTally.FromBytes(tally.ToBytes()));

        JsonSerializer.Serialize(merged.Views()).Should().Be(JsonSerializer.Serialize(direct.Views()));
        direct.Views().Should().NotBeEmpty();
    }

    private static (string Store, (DateOnly Day, int? Assign, int? OnSite, bool? AssignMet, bool? OnSiteMet) Created, CompletedRow? Completed) Row(Random r)
    {
        var created = Today.AddDays(-r.Next(0, 60));
        int? Minutes(int max) => r.Next(4) == 0 ? null : r.Next(0, max);
        bool? Met() => r.Next(3) switch { 0 => null, 1 => true, _ => false };
        CompletedRow? completed = null;
        if (r.Next(3) > 0)
        {
            var tech = r.Next(Technicians.Length);
            completed = new CompletedRow
            {
                Type = r.Next(3) == 0 ? "Installation" : "Repair",
                TechnicianId = r.Next(8) == 0 ? null : Technicians[tech],
                CompletedDay = created.AddDays(r.Next(0, 5)),
                CompleteMinutes = Minutes(5000), CompleteMet = Met(), SecondVisit = r.Next(5) == 0, Reworked = r.Next(7) == 0,
                Satisfaction = r.Next(3) == 0 ? null : r.Next(1, 6), Complaints = r.Next(10) == 0 ? 1 : 0,
                ServiceMinutes = r.Next(10, 200),
                ShiftMinutes = 480 + 30 * tech, // a technician's shift, the same on all his rows
                ClaimFirstPass = Met(),
                OldPartsOnTime = r.Next(2), OldPartsLate = r.Next(4) == 0 ? 1 : 0, OldPartsOpen = r.Next(3) == 0 ? 1 : 0,
            };
            if (completed.OldPartsOpen > 0) completed.OldPartsOpenDue = Today.AddDays(r.Next(-10, 10));
            for (var i = 0; i < 6; i++) completed.RevenueFen[i] = r.Next(-500, 50_000);
        }
        return (Stores[r.Next(Stores.Length)], (created, Minutes(300), Minutes(1500), Met(), Met()), completed);
    }
}
