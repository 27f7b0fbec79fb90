using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using RepairDispatch.Api.Claims;
using RepairDispatch.Api.Dispatch;
using RepairDispatch.Tests.Settlements;

namespace RepairDispatch.Tests.Infrastructure;

/// <summary>
/// A station with something in every table a write can touch, built through the API: users of each role, two
/// contracted manufacturers with settlement runs and lines, contract versions, orders in every status, a partner's
/// installation, callbacks, complaints, day plans, parts with stock, payments, messages and location pings.
/// <see cref="Ids"/> names what the refusal table's paths and bodies point at (`{orderNew}`).
/// </summary>
public sealed class RefusalStation : ApiFactory
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private bool _ready;
    private HttpClient? _deskOfStoreB, _managerOfStoreB, _techOfStoreB;
    private HttpClient? _financeOfStoreA;
    private HttpClient? _till;

    /// <summary>The manufacturer whose statement the station imported, and that file: refused rows send it again (their content is made without the station's ids).</summary>
    public static string StatementMaker { get; private set; } = "";
    public static string BrandId { get; private set; } = "";
    public static string MakerId { get; private set; } = "";
    public static readonly byte[] StatementFile = Statements.TestStatements.Xlsx(Statements.TestStatements.Portal(
        [1, "WO-20261003-0001", "HR1", "SN1", "2026-10-03", 80.5, 80.5, null, null, "通过"]));

    public TestData Data { get; }
    public Dictionary<string, string> Ids { get; } = new();

    public RefusalStation() => Data = new TestData(this);

    public HttpClient As(string role) => role switch
    {
        "admin" => Data.Admin, "manager" => Data.Manager, "frontdesk" => Data.FrontDesk, "finance" => Data.Finance,
        "techA" => Data.TechA, "techB" => Data.TechB, "anonymous" => CreateClient(), "deskOfStoreB" => _deskOfStoreB!, "till" => _till!,
        "managerOfStoreB" => _managerOfStoreB!, "techOfStoreB" => _techOfStoreB!,
        "financeOfStoreA" => _financeOfStoreA!,
        _ => throw new ArgumentException($"No client for role {role}."),
    };

    public async Task<RefusalStation> ReadyAsync()
    {
        await _lock.WaitAsync();
        try
        {
            if (!_ready) await PopulateAsync();
            _ready = true;
            return this;
        }
        finally
        {
            _lock.Release();
        }
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    private async Task PopulateAsync()
    {
        var d = await Data.ReadyAsync();
        var today = TestData.StationToday();
        var period = today.ToString("yyyy-MM");
        (Ids["store"], Ids["maker"], Ids["techA"], Ids["techB"], Ids["part"]) = (d.StoreId, d.ManufacturerId, d.TechnicianA, d.TechnicianB, d.PartId);
        Ids["today"] = Day(today);
        Ids["tomorrow"] = Day(today.AddDays(1));
        Ids["period"] = period;
        Ids["missing"] = Guid.NewGuid().ToString();
        Ids["in60"] = Day(today.AddDays(60));
        Ids["techTv"] = (await d.Admin.PostOk("/api/v1/technicians", new
        {
            storeId = d.StoreId, code = "T-TV", name = "Technician T-TV", phone = "13800000000", skills = new[] { "Tv" },
            certifications = new[] { d.ManufacturerId }, districts = new[] { "Pudong" },
        })).Str("id");
        Ids["storeCode"] = (await d.Admin.GetOk("/api/v1/stores"))["items"]![0].Str("code");
        Ids["partNumber"] = (await d.Admin.GetOk($"/api/v1/parts/{d.PartId}")).Str("partNumber");

        // Contracts and settlement: a Submitted run and a Draft run of two manufacturers, each with lines.
        var contracted = await SettlementRunTests.ManufacturerWithCompletedOrders(d, "Minor", "Major");
        var other = await SettlementRunTests.ManufacturerWithCompletedOrders(d, "Minor");
        Ids["contracted"] = contracted;
        Ids["contract"] = (await d.Manager.GetOk($"/api/v1/manufacturers/{contracted}/contracts"))["items"]![0].Str("id");
        await d.Manager.PostOk($"/api/v1/manufacturers/{contracted}/contracts", new
        {
            validFrom = Day(today.AddDays(30)), categories = new[] { "Refrigerator" }, fees = new { partsReimbursement = "AtCost" },
            claimRules = new { callbackRequired = true, evidence = new[] { new { type = "Repair", kinds = new[] { "Nameplate", "Invoice" } } }, submitWithinDays = 60 },
        });
        Ids["run"] = (await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = contracted, period })).Str("id");
        await d.Finance.PostOk($"/api/v1/settlements/runs/{Ids["run"]}/submit", null, HttpStatusCode.OK);
        Ids["draftRun"] = (await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = other, period })).Str("id");
        Ids["line"] = (await d.Finance.GetOk($"/api/v1/settlements/runs/{Ids["run"]}/lines"))["items"]![0].Str("id");
        Ids["otherRunLine"] = (await d.Finance.GetOk($"/api/v1/settlements/runs/{Ids["draftRun"]}/lines"))["items"]![0].Str("id");

        // A statement mapping and an imported statement with its lines.
        StatementMaker = Ids["statementMaker"] = await Statements.StatementImportTests.ManufacturerWithMapping(d);
        var statement = await d.Finance.PostAsync("/api/v1/settlements/statements", Statements.TestStatements.Form(StatementFile, StatementMaker, "2026-10"));
        statement.StatusCode.Should().Be(HttpStatusCode.Created);
        Ids["statement"] = (await statement.Json()).Str("id");
        // A payment of part of it (80.50 approved, 30.00 paid).
        await d.Finance.PostOk("/api/v1/settlements/payments", new
        {
            manufacturerId = StatementMaker, amount = 30m, receivedOn = Day(today), reference = "BANK-REFUSAL-1", statementIds = new[] { Ids["statement"] },
        });
        // The contracted run's statement, accepted (a cut and a rejection: settlements and adjustment lines), and the
        // rejected claim resubmitted.
        (await d.Finance.PutAsJsonAsync($"/api/v1/manufacturers/{contracted}/statement-mapping", Statements.TestStatements.Mapping())).EnsureSuccessStatusCode();
        var runLines = (await d.Finance.GetOk($"/api/v1/settlements/runs/{Ids["run"]}/lines"))["items"]!.AsArray()
            .GroupBy(l => l.Str("workOrderNumber")).Select(g => (Number: g.Key, Id: g.First().Str("workOrderId"), Amount: g.Sum(l => l!["amount"]!.GetValue<decimal>()))).ToList();
        var accepted = await d.Finance.PostAsync("/api/v1/settlements/statements", Statements.TestStatements.Form(Statements.TestStatements.Xlsx(
            Statements.TestStatements.Portal(
                [1, runLines[0].Number, "HR1", null, null, runLines[0].Amount, runLines[0].Amount - 1, 1, "旧件未返厂", "通过"],
                [2, runLines[1].Number, "HR2", null, null, runLines[1].Amount, 0, null, "机身条码无效", "驳回"])), contracted, period));
        accepted.StatusCode.Should().Be(HttpStatusCode.Created);
        Ids["acceptedStatement"] = (await accepted.Json()).Str("id");
        await d.Finance.PostOk($"/api/v1/settlements/statements/{Ids["acceptedStatement"]}/accept", null, HttpStatusCode.OK);
        Ids["claimResubmitted"] = runLines[1].Id;
        await d.Finance.PostOk($"/api/v1/claims/{runLines[1].Id}/resubmit", new { note = "条码已补拍" }, HttpStatusCode.OK);

        // Work orders in every status.
        Ids["orderNew"] = (await d.NewWorkOrder()).Str("id");
        Ids["orderAssigned"] = await Assigned();
        Ids["orderAccepted"] = await Assigned("accept");
        Ids["orderOnSite"] = await Assigned("accept", "depart");
        (await TestData.Arrive(d.TechA, Ids["orderOnSite"])).EnsureSuccessStatusCode();
        (await d.TechA.PostAsync($"/api/v1/mobile/jobs/{Ids["orderOnSite"]}/photos",
            Photos.PhotoTests.Form(Photos.TestImages.Jpeg(1), "Nameplate"))).EnsureSuccessStatusCode();
        Ids["orderCompleted"] = (await d.CompleteByTechnicianA((await d.NewWorkOrder()).Str("id"))).Str("id");
        await d.FrontDesk.PostOk($"/api/v1/work-orders/{Ids["orderCompleted"]}/payments", new { amount = 10m, method = "Cash" });
        Ids["orderClosed"] = (await d.CompleteByTechnicianA((await d.NewWorkOrder()).Str("id"))).Str("id");
        await d.FrontDesk.PostOk($"/api/v1/work-orders/{Ids["orderClosed"]}/close", null, HttpStatusCode.OK);
        Ids["orderCancelled"] = (await d.NewWorkOrder()).Str("id");
        await d.FrontDesk.PostOk($"/api/v1/work-orders/{Ids["orderCancelled"]}/cancel", new { reason = "Customer fixed it" }, HttpStatusCode.OK);
        var customer = (await d.FrontDesk.GetOk($"/api/v1/work-orders/{Ids["orderNew"]}")).Str("customerId");
        Ids["customer"] = customer;
        Ids["appliance"] = (await d.FrontDesk.GetOk($"/api/v1/work-orders/{Ids["orderNew"]}")).Str("applianceId");
        Ids["orderCompletedETag"] = (await d.FrontDesk.GetAsync($"/api/v1/work-orders/{Ids["orderCompleted"]}")).Headers.ETag!.Tag;

        // An installer partner with an installation order assigned to it.
        Ids["partner"] = (await d.Manager.PostOk("/api/v1/installer-partners", new
        {
            name = "浦东安装网点", districts = new[] { "Pudong" }, categories = new[] { "WashingMachine" }, managementFeeRate = 0.25m, agreementFrom = Day(today.AddYears(-1)),
        })).Str("id");
        Ids["orderPartner"] = (await d.NewWorkOrder("Installation")).Str("id");
        await d.Manager.PostOk($"/api/v1/work-orders/{Ids["orderPartner"]}/assign", new { installerPartnerId = Ids["partner"] }, HttpStatusCode.OK);

        // Complaints: one open, one resolved.
        Ids["complaint"] = (await d.FrontDesk.PostOk("/api/v1/complaints", new { source = "Phone", customerId = customer, description = "迟到" })).Str("id");
        Ids["complaintResolved"] = (await d.FrontDesk.PostOk("/api/v1/complaints", new { source = "Phone", customerId = customer, description = "态度" })).Str("id");
        await d.FrontDesk.PostOk($"/api/v1/complaints/{Ids["complaintResolved"]}/resolve", new { resolution = "道歉", upheld = true }, HttpStatusCode.OK);

        await OldPartsAsync(d, today); // before the part is stocked: these repairs take none of it

        // Stock of the part; a job waiting for it and one completed with it (and signed), the payment sent with an Idempotency-Key.
        await d.Manager.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/v1/parts/{d.PartId}/stock/{d.StoreId}") { Content = JsonContent.Create(new { quantity = 4 }) });
        Ids["orderAwaitingParts"] = await Assigned("accept", "depart");
        (await TestData.Arrive(d.TechA, Ids["orderAwaitingParts"])).EnsureSuccessStatusCode();
        await d.TechA.PostOk($"/api/v1/mobile/jobs/{Ids["orderAwaitingParts"]}/await-parts", new { parts = new[] { new { partId = d.PartId, qty = 1 } } }, HttpStatusCode.OK);
        var withParts = await Assigned("accept", "depart");
        (await TestData.Arrive(d.TechA, withParts)).EnsureSuccessStatusCode();
        await d.TechA.PostOk($"/api/v1/mobile/jobs/{withParts}/complete", new
        {
            repairLevel = "Minor", mainPart = false, labourMinutes = 40, parts = new[] { new { partId = d.PartId, qty = 1 } },
            customerSignature = Mobile.MobileClient.TinyPng,
        }, HttpStatusCode.OK);
        // Parts requests from the store to technician A's van: one asked for, one shipped (with a reorder point set).
        object Ask() => new { fromLocationId = d.StoreId, toLocationId = d.TechnicianA, lines = new[] { new { partId = d.PartId, qty = 1 } }, workOrderId = Ids["orderAwaitingParts"] };
        Ids["partsRequest"] = (await d.TechA.PostOk("/api/v1/parts-requests", Ask())).Str("id");
        Ids["partsRequestShipped"] = (await d.TechA.PostOk("/api/v1/parts-requests", Ask())).Str("id");
        await d.Manager.PostOk($"/api/v1/parts-requests/{Ids["partsRequestShipped"]}/approve", null, HttpStatusCode.OK);
        await d.FrontDesk.PostOk($"/api/v1/parts-requests/{Ids["partsRequestShipped"]}/ship", new { expectedOn = Day(today.AddDays(1)) }, HttpStatusCode.OK);
        (await d.Manager.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/api/v1/stock/reorder-points")
            { Content = JsonContent.Create(new { locationId = d.StoreId, partId = d.PartId, reorderPoint = 2 }) })).EnsureSuccessStatusCode();
        var payment = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/work-orders/{withParts}/payments") { Content = JsonContent.Create(new { amount = 1m, method = "Cash" }) };
        payment.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        (await d.FrontDesk.SendAsync(payment)).StatusCode.Should().Be(HttpStatusCode.Created);

        // Tomorrow's booked visit, planned by a Ready day plan; and a plan still Queued.
        await Booked(today.AddDays(1));
        Ids["planReady"] = await PlanAsync(run: true);
        Ids["planQueued"] = await PlanAsync(run: false);

        await using var c = await Db.OpenAsync();
        Ids["callback"] = (await c.ExecuteScalarAsync<Guid>("SELECT id FROM callbacks WHERE status = 'Scheduled' ORDER BY id")).ToString();
        Ids["callbackDone"] = (await c.ExecuteScalarAsync<Guid>("SELECT id FROM callbacks WHERE status = 'Scheduled' ORDER BY id DESC")).ToString();
        await d.FrontDesk.PostOk($"/api/v1/callbacks/{Ids["callbackDone"]}/result", new { outcome = "Reached", satisfaction = 5 }, HttpStatusCode.OK);
        Ids["message"] = (await c.ExecuteScalarAsync<Guid>("SELECT id FROM outbox_messages ORDER BY id")).ToString();
        Ids["claimClaimed"] = (await c.ExecuteScalarAsync<Guid>(
            $"SELECT c.work_order_id FROM work_order_claims c {ClaimRuns.Join} WHERE {ClaimRuns.State} = 'Claimed' ORDER BY c.work_order_id")).ToString();
        Ids["managerUser"] = (await c.ExecuteScalarAsync<Guid>("SELECT id FROM users WHERE username = 'manager1'")).ToString();
        await MachineClientsAsync(d);
        await BrandOrdersAsync(d);
        await SalesAsync(d);
        // The KPI report recomputes the marked orders (kpi_order_facts); the writes after it mark some again (kpi_dirty).
        await d.Manager.GetOk($"/api/v1/reports/kpis?from={Day(today.AddDays(-1))}&to={Day(today.AddDays(1))}");
        await SanbaoAsync(d, today);
        await PublicLinksAsync(d);
        await PayrollAsync(d, period);
        // As on a station just upgraded to V0030: a store-day of its history whose tally the kpi-facts job has yet to build.
        await c.ExecuteAsync("INSERT INTO kpi_store_days_backfill (store_id, day) SELECT id, '2020-01-01' FROM stores WHERE id = (SELECT MIN(id) FROM stores)");
    }

    /// <summary>Customer links (issue 19): "{orderToken}" opens orderNew, "{assignedToken}" orderAssigned, "{onSiteToken}" orderOnSite;
    /// "{stickerToken}" is the appliance of orderNew's sticker, with a code texted to its phone.</summary>
    private async Task PublicLinksAsync(TestData d)
    {
        async Task<string> Link(string order) =>
            Public.PublicKit.TokenOf((await d.FrontDesk.PostOk($"/api/v1/work-orders/{Ids[order]}/customer-link", null)).Str("url"));
        (Ids["orderToken"], Ids["assignedToken"], Ids["onSiteToken"]) = (await Link("orderNew"), await Link("orderAssigned"), await Link("orderOnSite"));
        Ids["stickerToken"] = await Public.PublicKit.ApplianceToken(d, Ids["appliance"]);
        var phone = (await d.FrontDesk.GetOk($"/api/v1/customers/{Ids["customer"]}"))["phones"]![0]!.GetValue<string>();
        await CreateClient().PostOk($"/api/v1/public/appliances/{Ids["stickerToken"]}/verify", new { phone }, HttpStatusCode.Accepted);
    }

    /// <summary>Pay rule version 1, technician B helping on {orderCompleted}, and the month's pay calculated and approved.</summary>
    private async Task PayrollAsync(TestData d, string period)
    {
        await d.Finance.PostOk("/api/v1/payroll/rules", new
        {
            validFrom = "2026-01-01", rates = new[] { new { type = "Repair", amount = 50m } },
            bonuses = new[] { new { code = "FiveStarCallback", amount = 10m } }, deductions = new[] { new { code = "Rework", amount = 5m } },
        });
        await d.Manager.PostOk($"/api/v1/work-orders/{Ids["orderCompleted"]}/helpers", new { technicianId = d.TechnicianB, share = 40 });
        await d.Finance.PostOk($"/api/v1/payroll/periods/{period}/calculate", null, HttpStatusCode.OK);
        await d.Manager.PostOk($"/api/v1/payroll/periods/{period}/approve", null, HttpStatusCode.OK);
    }

    /// <summary>A sale from the till (an air conditioner to install, a TV later returned): "{sale}" is its number.</summary>
    private async Task SalesAsync(TestData d)
    {
        Ids["sale"] = "POS-REFUSAL-1";
        Ids["yesterday"] = Day(DateOnly.Parse(Ids["today"]).AddDays(-1));
        await _till!.PostOk("/api/v1/sales-orders", new
        {
            saleNumber = Ids["sale"], storeId = d.StoreId, soldAt = DateTimeOffset.Parse(Ids["today"] + "T03:00:00+08:00"),
            customer = new { name = "赵先生", phones = new[] { "13612345678" }, address = new { district = "浦东新区", street = "世纪大道 1 号" } },
            lines = new object[]
            {
                new { lineNo = 1, category = "AirConditioner", manufacturerId = d.ManufacturerId, model = "KFR-35", qty = 1, price = 2999m, invoiceNumber = "FP-1" },
                new { lineNo = 2, category = "Tv", manufacturerId = d.ManufacturerId, model = "55E", qty = 1, price = 3999m, invoiceNumber = "FP-1" },
            },
        });
        await _till!.PostOk($"/api/v1/sales-orders/{Ids["sale"]}/returns", new { lines = new[] { new { lineNo = 2, kind = "Return", on = Ids["today"] } } },
            HttpStatusCode.OK);
    }

    /// <summary>三包: an appliance owed a return (its order has a fault code), one owed only repair, one exchanged by a manager, and an exclusion.</summary>
    private async Task SanbaoAsync(TestData d, DateOnly today)
    {
        var (customer, appliance) = await d.CustomerWithAppliance(today.AddDays(-3));
        Ids["sanbaoAppliance"] = appliance;
        Ids["sanbaoOrder"] = (await d.WorkOrder(customer, appliance)).Str("id");
        await d.FrontDesk.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/v1/work-orders/{Ids["sanbaoOrder"]}/sanbao/fault-code")
            { Content = JsonContent.Create(new { faultCode = "E1" }) });
        await d.FrontDesk.PostOk($"/api/v1/work-orders/{Ids["orderCompleted"]}/sanbao/exclusions", new { kind = "Misuse", note = "进水" }, HttpStatusCode.OK);
        Ids["repairOnlyAppliance"] = (await d.CustomerWithAppliance(today.AddMonths(-2))).ApplianceId;
        var exchanged = (await d.CustomerWithAppliance(today.AddDays(-10))).ApplianceId;
        await d.Manager.PostOk($"/api/v1/appliances/{exchanged}/sanbao-decisions", new { decision = "Exchange", newSerialNumber = "SN-STATION-2", reason = "噪音" });
        Ids["retiredAppliance"] = exchanged;
    }

    /// <summary>A brand with an order mapping (cancel code C01) and one of its orders.</summary>
    private async Task BrandOrdersAsync(TestData d)
    {
        BrandId = Ids["brand"] = (await d.Admin.PostOk("/api/v1/manufacturers", new { name = "格力" })).Str("id");
        MakerId = d.ManufacturerId;
        (await d.Manager.PutAsJsonAsync($"/api/v1/manufacturers/{Ids["brand"]}/order-mapping", ManufacturerOrders.BrandOrderFiles.Mapping(["C01"])))
            .EnsureSuccessStatusCode();
        Ids["brandOrder"] = (await d.FrontDesk.PostOk("/api/v1/manufacturer-orders", new
        {
            manufacturerId = Ids["brand"], externalNumber = "GL-0001", storeId = d.StoreId,
            customer = new { name = "赵先生", phones = new[] { "13622220000" } }, appliance = new { category = "AirConditioner", model = "KFR-35" },
            type = "Repair", faultDescription = "不制冷",
        })).Str("id");
    }

    /// <summary>
    /// Old parts of two makers that want them back: one with the technician, one in store (and one of the other maker),
    /// a batch on its way with one part received; and the desk of a second store.
    /// </summary>
    private async Task OldPartsAsync(TestData d, DateOnly today)
    {
        var maker = await OldParts.OldPartSetup.MakerWantingPartsBack(d);
        var otherMaker = await OldParts.OldPartSetup.MakerWantingPartsBack(d);
        Ids["wantingMaker"] = maker;
        async Task<(string Id, string Tag)> Part(string m)
        {
            var part = await OldParts.OldPartSetup.PartOf(d.FrontDesk, await OldParts.OldPartSetup.RepairedWithPart(d, m));
            return (part.Str("id"), part.Str("tag"));
        }
        async Task<(string Id, string Tag)> InStore(string m)
        {
            var part = await Part(m);
            await d.FrontDesk.PostOk($"/api/v1/old-parts/{part.Tag}/check-in", null, HttpStatusCode.OK);
            return part;
        }
        (Ids["oldPart"], Ids["oldPartTag"]) = await Part(maker);
        (_, Ids["oldPartInStoreTag"]) = await InStore(maker);
        (_, Ids["otherMakerInStoreTag"]) = await InStore(otherMaker);
        var (received, receivedTag) = await InStore(maker);
        var (_, shippedTag) = await InStore(maker);
        Ids["oldPartReceived"] = received;
        Ids["oldPartShippedTag"] = shippedTag;
        Ids["return"] = (await d.FrontDesk.PostOk("/api/v1/old-parts/returns", new
        {
            manufacturerId = maker, tags = new[] { receivedTag, shippedTag }, carrier = "顺丰", waybill = "SF-STATION-1",
        })).Str("id");
        await d.FrontDesk.PostOk($"/api/v1/old-parts/returns/{Ids["return"]}/received", new { receivedOn = Day(today), tags = new[] { receivedTag } },
            HttpStatusCode.OK);
        var storeB = (await d.Admin.PostOk("/api/v1/stores", new { code = "S-B", name = "北店", city = "上海", address = "北京西路 1 号" })).Str("id");
        await d.Admin.PostOk("/api/v1/users", new { username = "desk-b", password = ApiFactory.UserPassword, role = "frontdesk", storeId = storeB });
        _deskOfStoreB = await ClientAs("desk-b");
        await ChainOfStoresAsync(d, storeB);
        _financeOfStoreA = await d.User("finance-a", "finance");
    }

    /// <summary>A till's client (signed in as "till") and a revoked integration.</summary>
    private async Task MachineClientsAsync(TestData d)
    {
        var till = await d.Admin.PostOk("/api/v1/clients", new { name = "收银台 POS", scopes = new[] { "sales:write" } });
        Ids["client"] = till.Str("clientId");
        _till = await MachineClient(Ids["client"], till.Str("clientSecret"));
        Ids["revokedClient"] = (await d.Admin.PostOk("/api/v1/clients", new { name = "旧接口", scopes = new[] { "manufacturer-orders:write" } })).Str("clientId");
        await d.Admin.PostOk($"/api/v1/clients/{Ids["revokedClient"]}/revoke", null, HttpStatusCode.OK);
    }

    private async Task<string> Assigned(params string[] steps)
    {
        var id = (await Data.NewWorkOrder()).Str("id");
        await Data.Manager.PostOk($"/api/v1/work-orders/{id}/assign", new { technicianId = Data.TechnicianA }, HttpStatusCode.OK);
        foreach (var step in steps) (await Data.TechA.PostAsync($"/api/v1/mobile/jobs/{id}/{step}", null)).EnsureSuccessStatusCode();
        return id;
    }

    private async Task Booked(DateOnly day)
    {
        var (customer, appliance) = await Data.CustomerWithAppliance(day.AddYears(-3));
        var from = new DateTimeOffset(day.Year, day.Month, day.Day, 9, 0, 0, TimeSpan.FromHours(8));
        await Data.FrontDesk.PostOk("/api/v1/work-orders", new
        {
            type = "Repair", source = "Phone", customerId = customer, applianceId = appliance, faultDescription = "Broken",
            appointment = new { from, to = from.AddHours(3) }, address = new { district = "Pudong", street = "Century Avenue", lat = 31.22, lon = 121.5 },
        });
    }

    private async Task<string> PlanAsync(bool run)
    {
        var response = await Data.Manager.PostAsJsonAsync("/api/v1/dispatch/plans", new { storeId = Data.StoreId, date = Ids["tomorrow"], seconds = 1 });
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var id = (await response.Json()).Str("id");
        if (!run) return id;
        using var scope = Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<DayPlanJob>().RunAsync(Guid.Parse(id))).Should().BeTrue();
        return id;
    }

    /// <summary>Store B (a second shop, serving Xuhui), its manager, technician and an order of its own, and a loan of technician B to it.</summary>
    private async Task ChainOfStoresAsync(TestData d, string storeB)
    {
        Ids["storeB"] = storeB;
        var store = await d.Admin.GetAsync($"/api/v1/stores/{storeB}");
        Ids["storeBETag"] = store.Headers.ETag!.Tag;
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/stores/{storeB}") { Content = TestData.Json(new { districts = new[] { "Xuhui" } }) };
        patch.Headers.TryAddWithoutValidation("If-Match", Ids["storeBETag"]);
        (await d.Admin.SendAsync(patch)).EnsureSuccessStatusCode();
        Ids["storeBETag"] = "\"2\"";
        Ids["techOfStoreB"] = (await d.Admin.PostOk("/api/v1/technicians", new
        {
            storeId = storeB, code = "B-1", name = "Technician B-1", phone = "13800000002", skills = new[] { "WashingMachine" },
        })).Str("id");
        await d.Admin.PostOk("/api/v1/users", new { username = "manager-b", password = ApiFactory.UserPassword, role = "manager", storeId = storeB });
        await d.Admin.PostOk("/api/v1/users", new
        {
            username = "tech-b1", password = ApiFactory.UserPassword, role = "technician", storeId = storeB, technicianId = Ids["techOfStoreB"],
        });
        (_managerOfStoreB, _techOfStoreB) = (await ClientAs("manager-b"), await ClientAs("tech-b1"));
        var (customer, appliance) = await d.CustomerWithAppliance();
        Ids["orderOfStoreB"] = (await _deskOfStoreB!.PostOk("/api/v1/work-orders", new
        {
            type = "Repair", source = "Phone", customerId = customer, applianceId = appliance, faultDescription = "Broken",
            address = new { district = "Xuhui", street = "88 Caoxi Road" },
        })).Str("id");
        Ids["loan"] = (await d.Manager.PostOk($"/api/v1/technicians/{d.TechnicianB}/loans", new
        {
            toStoreId = storeB, from = Ids["in60"], to = Day(TestData.StationToday().AddDays(62)),
        })).Str("id");
    }
}
