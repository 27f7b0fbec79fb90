using System.Net;
using Dapper;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.Settlements;
using SkiaSharp;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace RepairDispatch.Tests.OldParts;

/// <summary>Manufacturers whose contract wants old parts back, and repairs of theirs completed with a part replaced.</summary>
public static class OldPartSetup
{
    /// <summary>
    /// A manufacturer with a washing-machine contract (as the settlement tests make it) whose version wants old parts back within
    /// <paramref name="withinDays"/> days. The rule is set on the row until the contract API takes claim rules (the claims work).
    /// </summary>
    public static async Task<string> MakerWantingPartsBack(ApiFactory api, TestData d, int withinDays = 30)
    {
        var maker = await SettlementRunTests.ManufacturerWithCompletedOrders(d);
        await using var c = await api.Db.OpenAsync();
        await c.ExecuteAsync("UPDATE service_contracts SET claim_old_part_required = 1, claim_old_part_within_days = @Days WHERE manufacturer_id = @Maker",
            new { Days = withinDays, Maker = Guid.Parse(maker) });
        return maker;
    }

    /// <summary>A repair of the maker's two-month-old washing machine completed by technician A with the test part replaced; returns the order id.</summary>
    public static async Task<string> RepairedWithPart(TestData d, string maker)
    {
        var (customer, appliance) = await d.CustomerWithAppliance(TestData.StationToday().AddMonths(-2), manufacturerId: maker);
        return await RepairedWithPart(d, customer, appliance);
    }

    /// <summary>A repair of the appliance completed by technician A with the test part replaced; returns the order id.</summary>
    public static async Task<string> RepairedWithPart(TestData d, string customer, string appliance)
    {
        var id = (await d.WorkOrder(customer, appliance)).Str("id");
        await d.Manager.PostOk($"/api/v1/work-orders/{id}/assign", new { technicianId = d.TechnicianA }, HttpStatusCode.OK);
        foreach (var step in new[] { "accept", "depart" }) (await d.TechA.PostAsync($"/api/v1/mobile/jobs/{id}/{step}", null)).EnsureSuccessStatusCode();
        (await TestData.Arrive(d.TechA, id)).EnsureSuccessStatusCode();
        await d.TechA.PostOk($"/api/v1/mobile/jobs/{id}/complete", new
        {
            repairLevel = "Minor", mainPart = false, labourMinutes = 40, parts = new[] { new { partId = d.PartId, qty = 1 } },
        }, HttpStatusCode.OK);
        return id;
    }

    /// <summary>The old part of an order, as the desk lists it.</summary>
    public static async Task<System.Text.Json.Nodes.JsonNode> PartOf(HttpClient client, string workOrderId) =>
        (await client.GetOk($"/api/v1/old-parts?workOrderId={workOrderId}"))["items"]!.AsArray().Single()!;

    /// <summary>What a scanner reads from the label's QR code.</summary>
    public static string ScanQr(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png).Copy(SKColorType.Bgra8888);
        var source = new RGBLuminanceSource(bitmap.Bytes, bitmap.Width, bitmap.Height, RGBLuminanceSource.BitmapFormat.BGRA32);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).Text;
    }
}
