using RepairDispatch.Api.Customers;
using RepairDispatch.Api.Parts;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Sales;

/// <summary>The rules of a sale that need no database: what needs installing, and the shape of a valid sale.</summary>
public static class SaleRules
{
    public const int MaxQty = 99;

    private static readonly IReadOnlySet<ApplianceCategory> InstalledByDefault = new HashSet<ApplianceCategory>
    {
        ApplianceCategory.AirConditioner, ApplianceCategory.WaterHeater, ApplianceCategory.RangeHood, ApplianceCategory.GasStove,
    };

    /// <summary>The till's flag wins; without it, the categories that are always installed (a washing machine only when asked).</summary>
    public static bool NeedsInstallation(ApplianceCategory category, bool? asked) => asked ?? InstalledByDefault.Contains(category);

    /// <summary>The first fault in the sale's shape (field, text), or null; the phones come back normalised.</summary>
    public static (string Field, Text Text)? Check(SaleRequest sale, out List<string> phones)
    {
        phones = [];
        foreach (var raw in sale.Customer.Phones ?? [])
        {
            if (raw is null || raw.Length is < 5 or > 32 || Customer.NormalisePhone(raw) is not { } phone)
                return ("customer.phones", Codes.Refusal.NotAPhoneNumber.With(raw));
            if (!phones.Contains(phone)) phones.Add(phone);
        }
        if (phones.Count == 0) return ("customer.phones", Codes.Sales.PhoneRequired.With());
        if (sale.Customer.Address is { } a && a.Lat is null != a.Lon is null) return ("customer.address.lat", Codes.Refusal.LatAndLon.With());
        var seen = new HashSet<int>();
        for (var i = 0; i < sale.Lines.Count; i++)
        {
            var line = sale.Lines[i];
            if (!seen.Add(line.LineNo!.Value)) return ($"lines[{i}].lineNo", Codes.Sales.LineNoTwice.With(line.LineNo));
            if (line.Qty is < 1 or > MaxQty) return ($"lines[{i}].qty", Codes.Sales.QtyPositive.With());
            if (line.Price < 0 || !Fen.HasAtMostTwoDecimals(line.Price!.Value)) return ($"lines[{i}].price", Codes.Sales.PriceInFen.With());
            if (line.Qty > 1 && !string.IsNullOrWhiteSpace(line.SerialNumber)) return ($"lines[{i}].serialNumber", Codes.Sales.SerialNeedsOneUnit.With());
        }
        return null;
    }
}
