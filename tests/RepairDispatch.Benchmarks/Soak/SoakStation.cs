namespace RepairDispatch.Benchmarks.Soak;

/// <summary>A technician of the soak's store with the token of their own login.</summary>
public sealed record SoakTechnician(string Id, string Token);

/// <summary>
/// The store the soak works in, made through the API as admin: a store of its own (its order numbers start at 1), a
/// manufacturer, a part the store keeps in stock, technicians with every skill and their logins, and one login each
/// for the front desk, the manager who dispatches and finance.
/// </summary>
public sealed record SoakStation(string StoreId, string ManufacturerId, string PartId, int StockBefore,
    string DeskToken, string ManagerToken, string FinanceToken, IReadOnlyList<SoakTechnician> Technicians)
{
    private const string Password = "soak-user-password-1";
    private static readonly string[] AllSkills =
        ["Tv", "Audio", "AirConditioner", "Refrigerator", "WashingMachine", "WaterHeater", "RangeHood", "GasStove", "SmallAppliance"];

    public static async Task<SoakStation> CreateAsync(HttpClient anonymous, string adminPassword, int technicianCount)
    {
        var setup = new SoakHttp([anonymous], new SoakRecorder());
        var admin = await ApiClient.LoginAsync(anonymous, "admin", adminPassword);
        var run = Guid.NewGuid().ToString("N")[..8];
        async Task<string> Create(string path, object body) => Expect(await setup.SendAsync("setup", HttpMethod.Post, path, admin, body, 201), 201, path).Id;

        var store = await Create("/api/v1/stores",
            new { code = "SOAK-" + run, name = "Soak " + run, city = "Shanghai", address = "1 Soak road", timeZone = "Asia/Shanghai" });
        var maker = await Create("/api/v1/manufacturers", new { name = "Soak maker " + run });
        var part = await Create("/api/v1/parts",
            new { partNumber = "SOAK-" + run, name = "Drain pump", manufacturerId = maker, mainPart = false, cost = 25m, retailPrice = 48m });
        const int stock = 1_000_000;
        Expect(await setup.SendAsync("setup", HttpMethod.Put, $"/api/v1/parts/{part}/stock/{store}", admin, new { quantity = stock }), 200, "stock");

        async Task<string> Login(string username, string role, string? storeId, string? technicianId = null)
        {
            username = $"soak-{run}-{username}";
            await Create("/api/v1/users", new { username, password = Password, role, storeId, technicianId });
            return await ApiClient.LoginAsync(anonymous, username, Password);
        }

        var technicians = new List<SoakTechnician>();
        for (var i = 1; i <= technicianCount; i++)
        {
            var id = await Create("/api/v1/technicians", new
            {
                storeId = store, code = $"S{i:000}", name = $"Soak technician {i}", phone = $"1380000{i:0000}", skills = AllSkills,
                dailyCapacity = 30, shift = new { from = "00:00", to = "23:59" }, workDays = new[] { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" },
            });
            technicians.Add(new SoakTechnician(id, await Login($"t{i}", "technician", null, id)));
        }
        return new SoakStation(store, maker, part, stock, await Login("desk", "frontdesk", store), await Login("manager", "manager", store),
            await Login("finance", "finance", null), technicians);
    }

    private static Reply Expect(Reply reply, int status, string what) =>
        reply.Status == status ? reply : throw new InvalidOperationException($"Setup ({what}) answered {reply.Status}: {reply.Body}");
}
