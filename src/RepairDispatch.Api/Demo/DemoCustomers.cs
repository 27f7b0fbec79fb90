using System.Globalization;
using RepairDispatch.Api.Customers;

namespace RepairDispatch.Api.Demo;

/// <summary>An appliance the demo created, with what the work-order step needs to know about it.</summary>
internal sealed record SeededAppliance(Guid CustomerId, Guid ApplianceId, ApplianceCategory Category, string MakerKey, string District,
    bool AwaitingInstallation);

/// <summary>Plans the customers and their appliances (deterministically, from the seeded random) and files them at the front desk.</summary>
internal static class DemoCustomers
{
    private sealed record PlannedAppliance(ApplianceCategory Category, string MakerKey, string Model, string SerialNumber, DateOnly? PurchaseDate,
        bool BoughtHere, string? InvoiceNumber, DateOnly? ManufactureDate, DateOnly? InstalledOn, bool AwaitingInstallation);

    private sealed record PlannedCustomer(CreateCustomerRequest Request, string District, List<PlannedAppliance> Appliances);

    private static readonly string[] MobilePrefixes = ["139", "138", "137", "136", "158", "159", "186", "188", "135", "150", "177", "181"];
    private static readonly ApplianceCategory[] NeedsInstalling = [ApplianceCategory.AirConditioner, ApplianceCategory.WaterHeater, ApplianceCategory.RangeHood];
    private const string SerialAlphabet = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";

    /// <summary>Customers 3, 70 and 137 have just bought an air conditioner here that still has to be installed.</summary>
    public static bool AwaitsInstallation(int index) => index % 67 == 3;

    public static async Task<List<SeededAppliance>> CreateAsync(DemoClient desk, Random rng, DateOnly today, int count,
        IReadOnlyDictionary<string, Guid> makers, ILogger log, CancellationToken ct)
    {
        var plans = Plan(rng, today, count);
        var seeded = new List<SeededAppliance>();
        for (var i = 0; i < plans.Count; i++)
        {
            var plan = plans[i];
            var customer = await desk.PostAsync<CustomerResponse>("/api/v1/customers", plan.Request, ct);
            foreach (var a in plan.Appliances)
            {
                var appliance = await desk.PostAsync<ApplianceResponse>($"/api/v1/customers/{customer.Id}/appliances", new AddApplianceRequest(
                    a.Category, makers[a.MakerKey], a.Model, a.SerialNumber, a.PurchaseDate, a.BoughtHere, a.InvoiceNumber, a.ManufactureDate,
                    CommercialUse: false, a.InstalledOn), ct);
                seeded.Add(new SeededAppliance(customer.Id, appliance.Id, a.Category, a.MakerKey, plan.District, a.AwaitingInstallation));
            }
            if ((i + 1) % 50 == 0 || i + 1 == plans.Count)
                log.LogInformation("Demo data: {Customers}/{Total} customers filed, {Appliances} appliances", i + 1, plans.Count, seeded.Count);
        }
        return seeded;
    }

    private static List<PlannedCustomer> Plan(Random rng, DateOnly today, int count)
    {
        var phones = new HashSet<string>();
        var customers = new List<PlannedCustomer>(count);
        for (var i = 0; i < count; i++)
        {
            var name = Pick(rng, DemoCatalogue.Surnames) + Pick(rng, DemoCatalogue.GivenNames);
            var customerPhones = new List<string> { UniquePhone(rng, phones) };
            if (rng.NextDouble() < 0.15) customerPhones.Add($"021-{rng.Next(5, 7)}{rng.Next(0, 10_000_000):D7}");
            var home = Pick(rng, DemoCatalogue.Districts);
            var addresses = new List<AddressRequest> { Address(rng, home) };
            if (rng.NextDouble() < 0.08) addresses.Add(Address(rng, Pick(rng, DemoCatalogue.Districts)));
            var vip = rng.NextDouble() < 0.10;
            var notes = rng.NextDouble() < 0.2 ? Pick(rng, DemoCatalogue.CustomerNotes) : null;
            var request = new CreateCustomerRequest(name, customerPhones, addresses, vip ? CustomerTier.Vip : CustomerTier.Standard,
                CallbackConsent: rng.NextDouble() < 0.85, notes, StoreId: null);

            var appliances = new List<PlannedAppliance>();
            if (AwaitsInstallation(i)) appliances.Add(NewAirConditioner(rng, today));
            var wanted = rng.NextDouble() < 0.6 ? 1 : 2;
            while (appliances.Count < wanted)
            {
                var category = PickCategory(rng);
                if (appliances.All(a => a.Category != category)) appliances.Add(Appliance(rng, today, category));
            }
            customers.Add(new PlannedCustomer(request, home.Name, appliances));
        }
        return customers;
    }

    private static PlannedAppliance Appliance(Random rng, DateOnly today, ApplianceCategory category)
    {
        var makers = DemoCatalogue.Makers.Where(m => m.Models.ContainsKey(category)).ToArray();
        var maker = Pick(rng, makers);
        DateOnly? bought = rng.NextDouble() < 0.1 ? null : today.AddDays(-rng.Next(1, 4 * 365));
        var here = bought is not null && rng.NextDouble() < 0.55;
        DateOnly? made = bought?.AddDays(-rng.Next(20, 200));
        DateOnly? installed = here && bought is { } b && NeedsInstalling.Contains(category) ? Min(b.AddDays(rng.Next(1, 4)), today) : null;
        return new PlannedAppliance(category, maker.Key, Pick(rng, maker.Models[category]), Serial(rng), bought, here,
            here ? Invoice(rng, bought!.Value) : null, rng.NextDouble() < 0.5 ? made : null, installed, AwaitingInstallation: false);
    }

    private static PlannedAppliance NewAirConditioner(Random rng, DateOnly today)
    {
        var maker = Pick(rng, DemoCatalogue.Makers.Where(m => m.Models.ContainsKey(ApplianceCategory.AirConditioner)).ToArray());
        var bought = today.AddDays(-rng.Next(0, 4));
        return new PlannedAppliance(ApplianceCategory.AirConditioner, maker.Key, Pick(rng, maker.Models[ApplianceCategory.AirConditioner]),
            Serial(rng), bought, BoughtHere: true, Invoice(rng, bought), bought.AddDays(-rng.Next(30, 120)), InstalledOn: null, AwaitingInstallation: true);
    }

    private static AddressRequest Address(Random rng, DemoCatalogue.District d) => new(d.Name,
        $"{Pick(rng, d.Roads)}{rng.Next(1, 2000)}弄{rng.Next(1, 40)}号{rng.Next(1, 25)}{rng.Next(1, 5):D2}室",
        Math.Round(d.Lat + (rng.NextDouble() - 0.5) * 0.04, 5), Math.Round(d.Lon + (rng.NextDouble() - 0.5) * 0.04, 5));

    private static string UniquePhone(Random rng, HashSet<string> taken)
    {
        while (true)
        {
            var phone = Pick(rng, MobilePrefixes) + rng.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
            if (taken.Add(phone)) return phone;
        }
    }

    private static ApplianceCategory PickCategory(Random rng)
    {
        var roll = rng.Next(DemoCatalogue.CategoryMix.Sum(c => c.Weight));
        foreach (var (category, weight) in DemoCatalogue.CategoryMix)
            if ((roll -= weight) < 0) return category;
        return DemoCatalogue.CategoryMix[^1].Category;
    }

    private static string Serial(Random rng) => new(Enumerable.Range(0, 20).Select(_ => SerialAlphabet[rng.Next(SerialAlphabet.Length)]).ToArray());

    /// <summary>A 20-digit 全电发票 number: year, the Shanghai area code 31, then a running number.</summary>
    private static string Invoice(Random rng, DateOnly day) =>
        $"{day.Year % 100:D2}31{rng.Next(0, 100_000_000):D8}{rng.Next(0, 10_000_000):D8}";

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    internal static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];
}
