using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RepairDispatch.Tests.Infrastructure;

/// <summary>Builds a small station through the public API: a manufacturer, technicians, users of each role, customers.</summary>
public sealed class TestData(ApiFactory api)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private bool _ready;

    public string StoreId { get; private set; } = "";
    public string ManufacturerId { get; private set; } = "";
    public string TechnicianA { get; private set; } = "";
    public string TechnicianB { get; private set; } = "";
    /// <summary>A washing-machine drain pump: cost 38.00, retail 95.00; the store keeps no stock of it.</summary>
    public string PartId { get; private set; } = "";
    public HttpClient Admin { get; private set; } = null!;
    public HttpClient Manager { get; private set; } = null!;
    public HttpClient FrontDesk { get; private set; } = null!;
    /// <summary>Headquarters finance (no store): settlement runs are the chain's, written by headquarters only.</summary>
    public HttpClient Finance { get; private set; } = null!;
    public HttpClient TechA { get; private set; } = null!;
    public HttpClient TechB { get; private set; } = null!;

    public async Task<TestData> ReadyAsync()
    {
        await _lock.WaitAsync();
        try
        {
            if (_ready) return this;
            Admin = await api.AdminClient();
            StoreId = (await Admin.GetOk("/api/v1/stores"))["items"]![0].Str("id");
            ManufacturerId = (await Admin.PostOk("/api/v1/manufacturers", new { name = "Haier" })).Str("id");
            TechnicianA = await CreateTechnician("T-A", "WashingMachine", "Refrigerator");
            TechnicianB = await CreateTechnician("T-B", "WashingMachine");
            Manager = await User("manager1", "manager");
            FrontDesk = await User("desk1", "frontdesk");
            Finance = await User("finance1", "finance", headquarters: true);
            TechA = await User("tech-a", "technician", TechnicianA);
            TechB = await User("tech-b", "technician", TechnicianB);
            PartId = (await Admin.PostOk("/api/v1/parts", new
            {
                partNumber = "HE-PSB-" + Guid.NewGuid().ToString("N")[..6], name = "Drain pump", category = "WashingMachine",
                mainPart = false, cost = 38m, retailPrice = 95m,
            })).Str("id");
            _ready = true;
            return this;
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task<string> CreateTechnician(string code, params string[] skills) =>
        (await Admin.PostOk("/api/v1/technicians", new { storeId = StoreId, code, name = "Technician " + code, phone = "13800000000", skills })).Str("id");

    /// <summary>A user of the store; with <paramref name="headquarters"/>, of no store (sees the whole chain, settles its runs).</summary>
    public async Task<HttpClient> User(string username, string role, string? technicianId = null, bool headquarters = false)
    {
        await Admin.PostOk("/api/v1/users", new { username, password = ApiFactory.UserPassword, role, storeId = headquarters ? null : StoreId, technicianId });
        return await api.ClientAs(username);
    }

    /// <summary>A customer with one washing machine; returns (customerId, applianceId).</summary>
    public async Task<(string CustomerId, string ApplianceId)> CustomerWithAppliance(DateOnly? purchaseDate = null, string tier = "Standard",
        string category = "WashingMachine", string? manufacturerId = null)
    {
        var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999);
        var customer = await FrontDesk.PostOk("/api/v1/customers", new
        {
            name = "Customer " + phone, phones = new[] { phone }, tier,
            addresses = new[] { new { district = "Pudong", street = "1 Century Avenue" } },
        });
        var appliance = await FrontDesk.PostOk($"/api/v1/customers/{customer.Str("id")}/appliances", new
        {
            category, manufacturerId = manufacturerId ?? ManufacturerId, model = "XQG100",
            purchaseDate = purchaseDate?.ToString("yyyy-MM-dd"),
        });
        return (customer.Str("id"), appliance.Str("id"));
    }

    public async Task<JsonObject> WorkOrder(string customerId, string applianceId, string type = "Repair", string priority = "Normal", bool allowDuplicate = false) =>
        await FrontDesk.PostOk("/api/v1/work-orders", new
        {
            type, source = "Phone", customerId, applianceId, faultDescription = "Drum does not spin", priority, allowDuplicate,
        });

    public async Task<JsonObject> NewWorkOrder(string type = "Repair")
    {
        var (customerId, applianceId) = await CustomerWithAppliance();
        return await WorkOrder(customerId, applianceId, type);
    }

    /// <summary>
    /// The station's calendar day (Asia/Shanghai) on the test clock, which numbers, warranty and settlement periods use:
    /// the day of <see cref="TestClock.Start"/> (a test run is far shorter than the hours left in that day).
    /// </summary>
    public static DateOnly StationToday() => StationDayOf(TestClock.Start);

    public static DateOnly StationDayOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    /// <summary>Assigns the order to technician A, who accepts, travels, arrives and completes it; returns the completed order.</summary>
    public async Task<JsonObject> CompleteByTechnicianA(string id, string repairLevel = "Minor", int labourMinutes = 30)
    {
        await Manager.PostOk($"/api/v1/work-orders/{id}/assign", new { technicianId = TechnicianA }, System.Net.HttpStatusCode.OK);
        foreach (var step in new[] { "accept", "depart" })
            (await TechA.PostAsync($"/api/v1/mobile/jobs/{id}/{step}", null)).EnsureSuccessStatusCode();
        (await Arrive(TechA, id)).EnsureSuccessStatusCode();
        return await TechA.PostOk($"/api/v1/mobile/jobs/{id}/complete", new { repairLevel, mainPart = false, labourMinutes }, System.Net.HttpStatusCode.OK);
    }

    /// <summary>The technician reports arrival at the job, from the Century Avenue address.</summary>
    public static Task<HttpResponseMessage> Arrive(HttpClient technician, string id, object? extra = null) =>
        technician.PostAsJsonAsync($"/api/v1/mobile/jobs/{id}/arrive", extra ?? new { lat = 31.2397, lon = 121.4998 });

    /// <summary>Rows of a table that belong to one work order (a `work_order_id` column).</summary>
    public async Task<long> CountRowsOf(string table, string workOrderId)
    {
        await using var c = await api.Db.OpenAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, $"SELECT COUNT(*) FROM {table} WHERE work_order_id = @Id", new { Id = Guid.Parse(workOrderId) });
    }

    public async Task<long> CountRows(string table)
    {
        await using var c = await api.Db.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM " + table;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    public static async Task<JsonObject> Body(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public static JsonContent Json(object body) => JsonContent.Create(body);
}
