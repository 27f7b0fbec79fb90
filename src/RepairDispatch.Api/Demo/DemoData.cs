using System.Diagnostics;
using System.Security.Cryptography;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Contracts;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.InstallerPartners;
using RepairDispatch.Api.Manufacturers;
using RepairDispatch.Api.Parts;
using RepairDispatch.Api.Stores;
using RepairDispatch.Api.Technicians;
using RepairDispatch.Api.Users;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Demo;

/// <summary>
/// `seed-demo`: fills a fresh database with a realistic station (manufacturers, technicians, installer partners, parts,
/// one user per role, 200 customers with appliances, work orders in every status) through the service's own public
/// HTTP API, so every row obeys the same rules, numbers, events and warranty decisions as real use. It logs in as the
/// bootstrap admin; it refuses to run twice (the demo manufacturers exist already).
/// </summary>
public sealed class DemoData(ILogger<DemoData> log, TimeProvider clock)
{
    public const int CustomerCount = 200;
    private const string PasswordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private sealed record Credential(string Username, string Role, string Password, string? Technician);

    /// <summary>
    /// Seeds through the API at <paramref name="baseAddress"/> (or through <paramref name="http"/>, e.g. a test server's client).
    /// True when the database holds the demo data (seeded now or before); false when the admin cannot log in.
    /// A call the API refuses throws <see cref="DemoApiException"/> with the problem body.
    /// </summary>
    public async Task<bool> SeedAsync(Uri baseAddress, string? adminPassword, HttpClient? http = null, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(adminPassword))
            return Refuse("no admin password is configured. The demo logs in as 'admin' with the bootstrap password: set it, e.g. "
                + "RepairDispatch__Bootstrap__AdminPassword=... dotnet run --project src/RepairDispatch.Api -- seed-demo");
        var ownClient = http is null;
        http ??= new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
        try
        {
            var admin = await DemoClient.TryLoginAsync(http, baseAddress, log, "admin", adminPassword, ct);
            if (admin is null)
                return Refuse("'admin' could not log in with RepairDispatch:Bootstrap:AdminPassword. Set RepairDispatch__Bootstrap__AdminPassword "
                    + "to the admin's current password (it is only applied when the admin is first created).");
            if (await AlreadySeededAsync(admin, ct))
            {
                log.LogInformation("Demo data: the database already holds the demo store (manufacturer {Name} exists); nothing added", DemoCatalogue.Makers[0].Name);
                return true;
            }
            var watch = Stopwatch.StartNew();
            await SeedAllAsync(http, baseAddress, admin, ct);
            log.LogInformation("Demo data seeded in {Seconds:F1} s", watch.Elapsed.TotalSeconds);
            return true;
        }
        finally
        {
            if (ownClient) http.Dispose();
        }
    }

    /// <summary>A service contract for every category the maker sells, signed a year ago: fees per repair level, installation fees.</summary>
    private ContractRequest DemoContract(DemoCatalogue.Maker maker, StoreResponse store)
    {
        var categories = maker.Models.Keys.Order().ToArray();
        var fees = categories.Select(k => (Category: k, Fee: DemoCatalogue.Fees(k))).ToArray();
        return new ContractRequest(Stores.StoreClock.Zone(store.TimeZone).DayOf(clock.GetUtcNow()).AddYears(-1), null, categories, null,
            new FeesInput(
                [.. fees.SelectMany(f => new[]
                {
                    new RepairFeeInput(f.Category, RepairLevel.Minor, f.Fee.Minor), new RepairFeeInput(f.Category, RepairLevel.Major, f.Fee.Major),
                    new RepairFeeInput(f.Category, RepairLevel.PartReplacement, f.Fee.PartReplacement),
                })],
                [.. fees.Where(f => f.Fee.Installation is not null).Select(f => new InstallationFeeInput(f.Category, f.Fee.Installation!.Value))],
                5m, PartsReimbursement.AtCost),
            false, null, null);
    }

    private bool Refuse(string why)
    {
        log.LogError("Cannot seed the demo data: {Reason}", why);
        return false;
    }

    private static async Task<bool> AlreadySeededAsync(DemoClient admin, CancellationToken ct)
    {
        foreach (var maker in DemoCatalogue.Makers)
        {
            var found = await admin.GetAsync<Page<ManufacturerResponse>>($"/api/v1/manufacturers?q={Uri.EscapeDataString(maker.Name)}", ct);
            if (found.Items.Any(m => m.Name == maker.Name)) return true;
        }
        return false;
    }

    private async Task SeedAllAsync(HttpClient http, Uri baseAddress, DemoClient admin, CancellationToken ct)
    {
        var rng = new Random(2026);
        var stores = (await admin.GetAsync<Page<StoreResponse>>("/api/v1/stores", ct)).Items;
        var store = stores.FirstOrDefault(s => s.Code == "MAIN") ?? stores.FirstOrDefault() ?? throw new DemoApiException("There is no store.");

        var makers = new Dictionary<string, Guid>();
        foreach (var m in DemoCatalogue.Makers)
            makers[m.Key] = (await admin.PostAsync<ManufacturerResponse>("/api/v1/manufacturers",
                new CreateManufacturerRequest(m.Name, m.ContactName, m.ContactPhone, "保内工单按厂家售后结算规则每月申报"), ct)).Id;
        foreach (var m in DemoCatalogue.Makers)
            await admin.PostAsync<ContractResponse>($"/api/v1/manufacturers/{makers[m.Key]}/contracts", DemoContract(m, store), ct);
        // Pay rules from the same day as the contracts, so the payroll screen pays every demo job (no "no rate" lines).
        await admin.PostAsync<Payroll.PayRuleView>("/api/v1/payroll/rules",
            DemoCatalogue.PayRules(Stores.StoreClock.Zone(store.TimeZone).DayOf(clock.GetUtcNow()).AddYears(-1)), ct);
        var technicianIds = new Dictionary<string, Guid>();
        foreach (var t in DemoCatalogue.Technicians)
        {
            var district = DemoCatalogue.Districts.First(d => d.Name == t.Districts[0]);
            technicianIds[t.Code] = (await admin.PostAsync<TechnicianResponse>("/api/v1/technicians", new CreateTechnicianRequest(
                store.Id, t.Code, t.Name, t.Phone, t.Skills, [.. t.Makers.Select(k => makers[k])], t.Districts, t.DailyCapacity,
                new GeoPoint(Math.Round(district.Lat + 0.01, 4), Math.Round(district.Lon - 0.01, 4)), new ShiftWindow(t.ShiftFrom, t.ShiftTo), t.WorkDays), ct)).Id;
        }
        var partners = new List<InstallerPartnerResponse>();
        foreach (var p in DemoCatalogue.Partners)
            partners.Add(await admin.PostAsync<InstallerPartnerResponse>("/api/v1/installer-partners",
                new CreateInstallerPartnerRequest(p.Name, [.. p.Districts], [.. p.Categories], p.ManagementFeeRate, null), ct));
        var parts = new List<PartResponse>();
        foreach (var p in DemoCatalogue.Parts)
            parts.Add(await admin.PostAsync<PartResponse>("/api/v1/parts", new CreatePartRequest(p.Number, p.Name, p.Category,
                p.Maker is null ? null : makers[p.Maker], p.MainPart, p.Cost, p.RetailPrice), ct));
        // The store's opening stock, so the seeded jobs can take the parts they use (the ledger refuses parts it does not hold).
        await admin.PostAsync<Stock.ReceiptView>("/api/v1/stock/receipts", new Stock.ReceiptRequest(store.Id, "DEMO-OPENING",
            [.. parts.Select(p => new Stock.ReceiptLine(p.Id, 200, null))]), ct);
        log.LogInformation("Demo data: {Manufacturers} manufacturers, {Technicians} technicians, {Partners} installer partners, {Parts} parts in store {Store}",
            makers.Count, technicianIds.Count, partners.Count, DemoCatalogue.Parts.Length, store.Code);

        var credentials = new List<Credential>();
        // Finance works at headquarters (no store): settlement runs are the chain's, and only headquarters writes them.
        foreach (var role in new[] { Roles.Manager, Roles.FrontDesk, Roles.Finance })
            credentials.Add(await CreateUserAsync(admin, "demo." + role, role, role == Roles.Finance ? null : store.Id, null, null, ct));
        foreach (var t in DemoCatalogue.Technicians)
            credentials.Add(await CreateUserAsync(admin, "demo." + t.Pinyin, Roles.Technician, store.Id, technicianIds[t.Code], $"{t.Code} {t.Name}", ct));

        async Task<DemoClient> As(string username) =>
            await DemoClient.LoginAsync(http, baseAddress, log, username, credentials.Single(c => c.Username == username).Password, ct);
        var manager = await As("demo.manager");
        var desk = await As("demo.frontdesk");

        var today = Stores.StoreClock.Zone(store.TimeZone).DayOf(clock.GetUtcNow());
        var appliances = await DemoCustomers.CreateAsync(desk, rng, today, CustomerCount, makers, log, ct);

        var technicians = (await manager.GetAsync<Page<TechnicianResponse>>($"/api/v1/technicians?storeId={store.Id}&active=true&pageSize=200", ct)).Items;
        var techClients = new Dictionary<Guid, DemoClient>();
        async Task<DemoClient> TechnicianLogin(Guid id)
        {
            if (techClients.TryGetValue(id, out var client)) return client;
            var code = technicianIds.Single(kv => kv.Value == id).Key;
            return techClients[id] = await As("demo." + DemoCatalogue.Technicians.Single(t => t.Code == code).Pinyin);
        }
        var orders = await new DemoWorkOrders(desk, manager, TechnicianLogin, technicians, partners, parts, makers, rng, clock.GetUtcNow(), Stores.StoreClock.Zone(store.TimeZone), log)
            .CreateAsync(appliances, ct);
        log.LogInformation("Demo data: {Customers} customers, {Appliances} appliances, {Orders} work orders ({Statuses})",
            CustomerCount, appliances.Count, orders.Count,
            string.Join(", ", orders.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")));

        Print(credentials);
        log.LogInformation("Demo data: the {Count} demo users and their passwords were printed to standard output", credentials.Count);
    }

    private static async Task<Credential> CreateUserAsync(DemoClient admin, string username, string role, Guid? storeId, Guid? technicianId,
        string? technician, CancellationToken ct)
    {
        var password = RandomNumberGenerator.GetString(PasswordAlphabet, 16);
        await admin.PostAsync<UserResponse>("/api/v1/users", new CreateUserRequest(username, password, role, storeId, technicianId), ct);
        return new Credential(username, role, password, technician);
    }

    private static void Print(IReadOnlyList<Credential> credentials)
    {
        Console.WriteLine();
        Console.WriteLine("Demo users (passwords are shown only now; log in with POST /api/v1/auth/token):");
        Console.WriteLine($"  {"username",-22} {"role",-11} {"password",-17} technician");
        Console.WriteLine($"  {"admin",-22} {"admin",-11} {"(bootstrap)",-17} -");
        foreach (var c in credentials)
            Console.WriteLine($"  {c.Username,-22} {c.Role,-11} {c.Password,-17} {c.Technician ?? "-"}");
        Console.WriteLine();
    }
}
