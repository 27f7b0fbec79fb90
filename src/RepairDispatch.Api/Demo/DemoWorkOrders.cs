using RepairDispatch.Api.Customers;
using RepairDispatch.Api.InstallerPartners;
using RepairDispatch.Api.Mobile;
using RepairDispatch.Api.Parts;
using RepairDispatch.Api.Technicians;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Demo;

/// <summary>
/// Takes a few dozen calls at the front desk, then moves each order to its planned status through the real
/// routes: the manager assigns, the technician steps through the mobile app, the front desk cancels or closes.
/// </summary>
internal sealed class DemoWorkOrders(
    DemoClient desk, DemoClient manager, Func<Guid, Task<DemoClient>> technicianLogin,
    IReadOnlyList<TechnicianResponse> technicians, IReadOnlyList<InstallerPartnerResponse> partners,
    IReadOnlyList<PartResponse> parts, IReadOnlyDictionary<string, Guid> makers, Random rng, DateTimeOffset now, Stores.StoreZone zone, ILogger log)
{
    /// <summary>Where an order is left; "Declined" ends Assigned to a second technician after the first declined.</summary>
    private enum Goal { New, Assigned, Declined, Accepted, EnRoute, OnSite, AwaitingParts, Completed, SecondVisit, Closed, CancelNew, CancelAssigned, CancelAccepted, Partner }

    private static readonly Goal[] RepairGoals =
    [
        .. Enumerable.Repeat(Goal.New, 5), Goal.Assigned, Goal.Assigned, Goal.Declined, .. Enumerable.Repeat(Goal.Accepted, 4),
        .. Enumerable.Repeat(Goal.EnRoute, 3), .. Enumerable.Repeat(Goal.OnSite, 3), .. Enumerable.Repeat(Goal.AwaitingParts, 3),
        .. Enumerable.Repeat(Goal.Completed, 5), Goal.SecondVisit, .. Enumerable.Repeat(Goal.Closed, 6),
        Goal.CancelNew, Goal.CancelNew, Goal.CancelAssigned, Goal.CancelAccepted,
    ];

    private readonly Dictionary<Guid, int> _load = new();
    private int _cancelled;

    public async Task<List<WorkOrderResponse>> CreateAsync(IReadOnlyList<SeededAppliance> appliances, CancellationToken ct)
    {
        var installs = appliances.Where(a => a.AwaitingInstallation).ToList();
        var others = appliances.Where(a => !a.AwaitingInstallation).ToArray();
        rng.Shuffle(others);
        var plan = installs.Select((a, i) => (Appliance: a, Goal: i < 2 ? Goal.Partner : Goal.New, Install: true))
            .Concat(RepairGoals.Zip(others, (g, a) => (Appliance: a, Goal: g, Install: false)))
            .ToArray();
        rng.Shuffle(plan);

        var orders = new List<(WorkOrderResponse Order, SeededAppliance Appliance, Goal Goal)>();
        foreach (var (appliance, goal, install) in plan)
            orders.Add((await desk.PostAsync<WorkOrderResponse>("/api/v1/work-orders", Intake(appliance, goal, install), ct), appliance, goal));
        log.LogInformation("Demo data: {Count} work orders taken at the front desk; moving them along", orders.Count);

        var final = new List<WorkOrderResponse>();
        foreach (var (order, appliance, goal) in orders) final.Add(await DriveAsync(order, appliance, goal, ct));
        return final;
    }

    private CreateWorkOrderRequest Intake(SeededAppliance a, Goal goal, bool install)
    {
        WorkOrderType type;
        WorkOrderSource source;
        string fault;
        if (install) (type, source, fault) = (WorkOrderType.Installation, WorkOrderSource.Sales, DemoCustomers.Pick(rng, DemoCatalogue.InstallationJobs));
        else if (DemoCatalogue.MaintenanceJobs.TryGetValue(a.Category, out var job) && rng.NextDouble() < 0.2)
            (type, source, fault) = (WorkOrderType.Maintenance, WorkOrderSource.Phone, job);
        else
        {
            var roll = rng.NextDouble();
            source = roll < 0.6 ? WorkOrderSource.Phone : roll < 0.8 ? WorkOrderSource.WalkIn : WorkOrderSource.Manufacturer;
            (type, fault) = (WorkOrderType.Repair, DemoCatalogue.Faults.TryGetValue(a.Category, out var faults) ? DemoCustomers.Pick(rng, faults) : "无法正常使用");
        }
        var priority = type == WorkOrderType.Repair && rng.NextDouble() < 0.15 ? Priority.Urgent : Priority.Normal;
        AppointmentWindow? appointment = null;
        if (rng.NextDouble() < 0.6)
        {
            var day = zone.DayOf(now).AddDays(goal >= Goal.EnRoute && goal <= Goal.Closed ? 0 : rng.Next(1, 4));
            var (from, to) = rng.Next(2) == 0 ? (9, 12) : (13, 17);
            appointment = new AppointmentWindow(zone.At(day, new TimeOnly(from, 0)), zone.At(day, new TimeOnly(to, 0)));
        }
        return new CreateWorkOrderRequest(type, source, a.CustomerId, a.ApplianceId, fault, priority, appointment, Address: null, AllowDuplicate: null, StoreId: null);
    }

    private async Task<WorkOrderResponse> DriveAsync(WorkOrderResponse order, SeededAppliance a, Goal goal, CancellationToken ct)
    {
        var path = $"/api/v1/work-orders/{order.Id}";
        var job = $"/api/v1/mobile/jobs/{order.Id}";
        switch (goal)
        {
            case Goal.New: return order;
            case Goal.CancelNew: return await CancelAsync(path, ct);
            case Goal.Partner:
                return await manager.StepAsync<WorkOrderResponse>(path + "/assign", new AssignRequest(null, PickPartner(a).Id, "新机安装交由合作安装队"), ct);
        }

        var technician = PickTechnician(a, except: null);
        order = await AssignAsync(path, technician, ct);
        if (goal == Goal.Declined)
        {
            var first = await technicianLogin(technician.Id);
            await first.StepAsync<WorkOrderResponse>(job + "/decline", new ReasonRequest("今日工单已满，无法按时上门"), ct);
            return await AssignAsync(path, PickTechnician(a, except: technician.Id), ct);
        }
        if (goal == Goal.Assigned) return order;
        if (goal == Goal.CancelAssigned) return await CancelAsync(path, ct);

        var tech = await technicianLogin(technician.Id);
        order = await tech.StepAsync<WorkOrderResponse>(job + "/accept", null, ct);
        if (goal == Goal.Accepted) return order;
        if (goal == Goal.CancelAccepted) return await CancelAsync(path, ct);
        order = await tech.StepAsync<WorkOrderResponse>(job + "/depart", null, ct);
        if (goal == Goal.EnRoute) return order;
        var arrive = new ArriveRequest(order.Address?.Lat ?? 31.23, order.Address?.Lon ?? 121.47, null);
        order = await tech.StepAsync<WorkOrderResponse>(job + "/arrive", arrive, ct);
        if (goal == Goal.OnSite) return order;

        var fixes = DemoCatalogue.Fixes[a.Category];
        var fix = DemoCustomers.Pick(rng, goal is Goal.AwaitingParts or Goal.SecondVisit ? fixes.Where(f => f.FailedPart is not null).ToArray() : fixes);
        var repair = order.Type == WorkOrderType.Repair;
        List<PartQuantity> used = repair && fix.FailedPart is not null && parts.FirstOrDefault(p => p.Category == a.Category && (p.ManufacturerId is null || p.ManufacturerId == makers[a.MakerKey])) is { } part
            ? [new PartQuantity(part.Id, 1)] : [];
        if (goal is Goal.AwaitingParts or Goal.SecondVisit && used.Count > 0)
        {
            order = await tech.StepAsync<WorkOrderResponse>(job + "/await-parts",
                new AwaitPartsRequest(used, $"需更换{fix.FailedPart}，已向厂家订件，到货后二次上门", null), ct);
            if (goal == Goal.AwaitingParts) return order;
            await tech.StepAsync<WorkOrderResponse>(job + "/depart", null, ct);
            await tech.StepAsync<WorkOrderResponse>(job + "/arrive", arrive, ct);
        }
        order = await tech.StepAsync<WorkOrderResponse>(job + "/complete", new CompleteJobRequest(
            repair ? fix.Level : null, repair ? fix.FailedPart : null, repair && fix.MainPart, used, 5 * rng.Next(6, 31),
            repair ? fix.Notes : "保养完成，试机运行正常", goal == Goal.Closed || rng.NextDouble() < 0.5 ? rng.Next(3, 6) : null, null, null), ct);
        if (goal != Goal.Closed) return order;
        return await desk.StepAsync<WorkOrderResponse>(path + "/close", null, ct);
    }

    private async Task<WorkOrderResponse> AssignAsync(string path, TechnicianResponse technician, CancellationToken ct)
    {
        _load[technician.Id] = _load.GetValueOrDefault(technician.Id) + 1;
        return await manager.StepAsync<WorkOrderResponse>(path + "/assign", new AssignRequest(technician.Id, null, null), ct);
    }

    private Task<WorkOrderResponse> CancelAsync(string path, CancellationToken ct) =>
        desk.StepAsync<WorkOrderResponse>(path + "/cancel", new ReasonRequest(DemoCatalogue.CancelReasons[_cancelled++ % DemoCatalogue.CancelReasons.Length]), ct);

    /// <summary>Someone with the skill, from the customer's district if possible; the least loaded first, then a brand-certified one.</summary>
    private TechnicianResponse PickTechnician(SeededAppliance a, Guid? except)
    {
        var able = technicians.Where(t => t.Active && t.Skills.Contains(a.Category) && t.Id != except).ToList();
        if (able.Count == 0) throw new DemoApiException($"No technician has the {a.Category} skill.");
        var local = able.Where(t => t.Districts.Contains(a.District)).ToList();
        return (local.Count > 0 ? local : able)
            .OrderBy(t => _load.GetValueOrDefault(t.Id))
            .ThenByDescending(t => t.Certifications.Contains(makers[a.MakerKey]))
            .ThenBy(t => t.Code, StringComparer.Ordinal)
            .First();
    }

    private InstallerPartnerResponse PickPartner(SeededAppliance a) =>
        partners.Where(p => p.Active && p.Categories.Contains(a.Category)).OrderByDescending(p => p.Districts.Contains(a.District)).FirstOrDefault()
        ?? throw new DemoApiException($"No installer partner installs {a.Category}.");
}
