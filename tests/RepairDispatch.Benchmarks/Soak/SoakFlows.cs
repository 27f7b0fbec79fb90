using System.Collections.Concurrent;
using System.Threading.Channels;

namespace RepairDispatch.Benchmarks.Soak;

/// <summary>What the client saw acknowledged, for the database checks afterwards.</summary>
public sealed class SoakLedger
{
    public ConcurrentBag<string> Created { get; } = [];
    public ConcurrentBag<string> Completed { get; } = [];
    public ConcurrentBag<string> Closed { get; } = [];
    public int Probes;
    public int LostUpdates;
    public int Retries;
    public int RetriesNotReplayed;
}

/// <summary>
/// The station's day at a steady pace: the front desk takes calls (customer, appliance, order with a window) at a fixed
/// rate and the manager assigns each order; technicians work their jobs from the phone API (some steps sent twice
/// under one Idempotency-Key, as a phone does after a lost answer); the cashier takes payment and closes completed
/// orders; finance reads reports, runs and order lists; and now and then four clerks edit one order at once with
/// If-Match, which must keep every edit.
/// </summary>
public sealed class SoakFlows(SoakHttp http, SoakStation station, SoakLedger ledger, DateTime until, double ordersPerSecond, double retryShare)
{
    private const string ArriveBody = """{"lat":31.23,"lon":121.47}""";
    private static readonly string[] Categories = ["Tv", "AirConditioner", "Refrigerator", "WashingMachine", "WaterHeater", "SmallAppliance"];
    private readonly Channel<string> _toClose = Channel.CreateUnbounded<string>();
    private readonly string _completeBody =
        $$"""{"repairLevel":"Minor","mainPart":false,"labourMinutes":30,"parts":[{"partId":"{{station.PartId}}","qty":1}],"notes":"soak"}""";
    private int _nextTechnician;
    private int _phone;

    private bool Running => DateTime.UtcNow < until;

    public Task RunAsync(int desks, int financeReaders)
    {
        var workers = new List<Task>();
        var perDesk = TimeSpan.FromSeconds(desks / ordersPerSecond);
        for (var d = 0; d < desks; d++) workers.Add(DeskAsync(perDesk, d * perDesk / desks));
        workers.AddRange(station.Technicians.Select((t, i) => TechnicianAsync(t, new Random(1000 + i))));
        workers.Add(CashierAsync());
        for (var f = 0; f < financeReaders; f++) workers.Add(FinanceAsync(new Random(2000 + f)));
        workers.Add(ContentionAsync());
        return Task.WhenAll(workers);
    }

    /// <summary>One call at the front desk every <paramref name="every"/>: new customer and appliance, the phone search, the order, its assignment.</summary>
    private async Task DeskAsync(TimeSpan every, TimeSpan offset)
    {
        var next = DateTime.UtcNow + offset;
        while (Running)
        {
            if (next > DateTime.UtcNow) await Task.Delay(next - DateTime.UtcNow);
            next += every;
            var order = await IntakeAsync("desk", new Random());
            if (order is null) continue;
            var technician = station.Technicians[(int)((uint)Interlocked.Increment(ref _nextTechnician) % station.Technicians.Count)];
            var assigned = await http.SendAsync("manager: assign", HttpMethod.Post, $"/api/v1/work-orders/{order}/assign", station.ManagerToken,
                new { technicianId = technician.Id }, idempotencyKey: Guid.NewGuid().ToString());
            if (assigned.Status == 200) ledger.Created.Add(order);
        }
    }

    /// <summary>A phone call: the customer, their appliance, the search by phone, the order booked for a window later today.</summary>
    private async Task<string?> IntakeAsync(string who, Random random)
    {
        var phone = "139" + (10_000_000 + Interlocked.Increment(ref _phone)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var customer = await http.SendAsync($"{who}: create customer", HttpMethod.Post, "/api/v1/customers", station.DeskToken,
            new { storeId = station.StoreId, name = "Soak customer", phones = new[] { phone }, callbackConsent = true,
                addresses = new[] { new { district = "Huangpu", street = "1 Soak road", lat = 31.23, lon = 121.47 } } },
            201, Guid.NewGuid().ToString());
        if (customer.Status != 201) return null;
        var appliance = await http.SendAsync($"{who}: add appliance", HttpMethod.Post, $"/api/v1/customers/{customer.Id}/appliances", station.DeskToken,
            new { category = Categories[random.Next(Categories.Length)], manufacturerId = station.ManufacturerId, model = "S1" }, 201);
        if (appliance.Status != 201) return null;
        await http.SendAsync($"{who}: search by phone", HttpMethod.Get, $"/api/v1/customers?phone={phone}", station.DeskToken);
        var from = DateTimeOffset.UtcNow.AddHours(1);
        var order = await http.SendAsync($"{who}: create order", HttpMethod.Post, "/api/v1/work-orders", station.DeskToken,
            new { type = "Repair", source = "Phone", customerId = customer.Id, applianceId = appliance.Id, faultDescription = "Soak",
                appointment = new { from, to = from.AddHours(2) } },
            201, Guid.NewGuid().ToString());
        return order.Status == 201 ? order.Id : null;
    }

    /// <summary>A technician's phone: look at the job list, work every assigned job through to completion, then look again.</summary>
    private async Task TechnicianAsync(SoakTechnician technician, Random random)
    {
        while (Running)
        {
            var list = await http.SendAsync("technician: my jobs", HttpMethod.Get, "/api/v1/mobile/jobs", technician.Token);
            var assigned = list.Json?["items"]?.AsArray().Select(j => j!["order"]!)
                .Where(o => o["status"]!.GetValue<string>() == "Assigned").Select(o => o["id"]!.GetValue<string>()).ToList() ?? [];
            foreach (var job in assigned)
            {
                if (!Running) return;
                if (!await StepAsync(technician, job, "accept", null, random) || !await StepAsync(technician, job, "depart", null, random)
                    || !await StepAsync(technician, job, "arrive", ArriveBody, random) || !await StepAsync(technician, job, "complete", _completeBody, random))
                    break;
                ledger.Completed.Add(job);
                await _toClose.Writer.WriteAsync(job);
            }
            await Task.Delay(random.Next(300, 700));
        }
    }

    private async Task<bool> StepAsync(SoakTechnician technician, string job, string step, string? body, Random random)
    {
        await Task.Delay(random.Next(20, 80));
        var key = Guid.NewGuid().ToString();
        var path = $"/api/v1/mobile/jobs/{job}/{step}";
        var first = await http.SendAsync($"technician: {step}", HttpMethod.Post, path, technician.Token, body, idempotencyKey: key);
        if (first.Status != 200) return false;
        if (random.NextDouble() >= retryShare) return true;
        var again = await http.SendAsync("technician: retry (same key)", HttpMethod.Post, path, technician.Token, body, idempotencyKey: key);
        Interlocked.Increment(ref ledger.Retries);
        if (!again.Replayed || again.Body != first.Body) Interlocked.Increment(ref ledger.RetriesNotReplayed);
        return again.Status == 200;
    }

    /// <summary>The cashier: what the customer owes for a completed order, the payment, and closing the order.</summary>
    private async Task CashierAsync()
    {
        while (Running)
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            string job;
            try { job = await _toClose.Reader.ReadAsync(wait.Token); }
            catch (OperationCanceledException) { continue; }
            var money = await http.SendAsync("desk: charges", HttpMethod.Get, $"/api/v1/work-orders/{job}/charges", station.DeskToken);
            var outstanding = money.Json?["outstanding"]?.GetValue<decimal>() ?? 0;
            if (outstanding > 0)
                await http.SendAsync("desk: payment", HttpMethod.Post, $"/api/v1/work-orders/{job}/payments", station.DeskToken,
                    new { amount = outstanding, method = "Cash" }, 201, Guid.NewGuid().ToString());
            var closed = await http.SendAsync("desk: close", HttpMethod.Post, $"/api/v1/work-orders/{job}/close", station.DeskToken,
                idempotencyKey: Guid.NewGuid().ToString());
            if (closed.Status == 200) ledger.Closed.Add(job);
        }
    }

    /// <summary>Finance at a desk: the revenue report, the settlement runs, completed orders, an order and its timeline.</summary>
    private async Task FinanceAsync(Random random)
    {
        var today = DateTimeOffset.UtcNow.Date;
        var report = $"/api/v1/reports/revenue?from={today.AddDays(-30):yyyy-MM-dd}T00:00:00Z&to={today.AddDays(1):yyyy-MM-dd}T00:00:00Z";
        while (Running)
        {
            switch (random.Next(4))
            {
                case 0: await http.SendAsync("finance: revenue report", HttpMethod.Get, report, station.FinanceToken); break;
                case 1: await http.SendAsync("finance: settlement runs", HttpMethod.Get, "/api/v1/settlements/runs", station.FinanceToken); break;
                case 2:
                    await http.SendAsync("finance: completed orders", HttpMethod.Get,
                        $"/api/v1/work-orders?storeId={station.StoreId}&status=Closed&pageSize=50", station.FinanceToken);
                    break;
                default:
                    if (ledger.Created.TryPeek(out var order))
                        await http.SendAsync("finance: order timeline", HttpMethod.Get, $"/api/v1/work-orders/{order}/events", station.FinanceToken);
                    break;
            }
            await Task.Delay(random.Next(100, 400));
        }
    }

    /// <summary>
    /// Every 10 s four clerks append their mark to one new order's fault description at once, each with If-Match and a
    /// fresh read after a 412. Afterwards every mark must be there: an edit lost to a concurrent one would be missing.
    /// </summary>
    private async Task ContentionAsync()
    {
        var random = new Random(3000);
        while (Running)
        {
            await Task.Delay(10_000);
            var order = await IntakeAsync("probe", random);
            if (order is null) continue;
            var marks = Enumerable.Range(1, 4).Select(i => $"[clerk {i}]").ToArray();
            await Task.WhenAll(marks.Select(mark => AppendAsync(order, mark)));
            var final = await http.SendAsync("probe: read", HttpMethod.Get, $"/api/v1/work-orders/{order}", station.DeskToken);
            var text = final.Json?["faultDescription"]?.GetValue<string>() ?? "";
            Interlocked.Increment(ref ledger.Probes);
            if (marks.Any(m => !text.Contains(m, StringComparison.Ordinal))) Interlocked.Increment(ref ledger.LostUpdates);
        }
    }

    private async Task AppendAsync(string order, string mark)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var read = await http.SendAsync("probe: read", HttpMethod.Get, $"/api/v1/work-orders/{order}", station.DeskToken);
            var text = read.Json?["faultDescription"]?.GetValue<string>();
            if (text is null) return;
            var patched = await http.SendAsync("probe: patch (If-Match)", HttpMethod.Patch, $"/api/v1/work-orders/{order}", station.DeskToken,
                new { faultDescription = text + " " + mark }, expected: 200, ifMatch: read.ETag, tolerated: 412);
            if (patched.Status != 412) return;
        }
    }
}
