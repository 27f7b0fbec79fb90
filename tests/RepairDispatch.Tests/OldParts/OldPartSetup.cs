using System.Net;
using RepairDispatch.Tests.Infrastructure;
using SkiaSharp;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace RepairDispatch.Tests.OldParts;

/// <summary>Manufacturers whose contract wants old parts back, and repairs of theirs completed with a part replaced.</summary>
public static class OldPartSetup
{
    /// <summary>A new manufacturer whose washing-machine contract wants old parts back within <paramref name="withinDays"/> days.</summary>
    public static Task<string> MakerWantingPartsBack(TestData d, int withinDays = 30) =>
        Claims.ClaimSetup.MakerWithRules(d, new { oldPartReturn = new { required = true, withinDays } });

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
