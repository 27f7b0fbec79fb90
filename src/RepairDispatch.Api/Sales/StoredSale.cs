using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Parts;

namespace RepairDispatch.Api.Sales;

/// <summary>A sale as first received, to answer a resend with the first answer or name what a resend changed.</summary>
public sealed class StoredSale
{
    private const string HeadSql = """
        SELECT id, sale_number, store_id, customer_id, sold_at, customer_name, customer_phones FROM sales_orders WHERE sale_number = @SaleNumber
        """;
    private const string LinesSql = """
        SELECT line_no, category, manufacturer_id, model, serial_number, qty, price_fen, invoice_number, needs_installation, delivery_on,
               returned_kind, returned_on, new_serial_number
        FROM sales_order_lines WHERE sales_order_id = @Id ORDER BY line_no
        """;
    private const string UnitsSql = """
        SELECT line_no, unit_no, appliance_id, installation_order_id, callback_id, replacement_appliance_id
        FROM sales_order_units WHERE sales_order_id = @Id ORDER BY line_no, unit_no
        """;

    public Guid Id { get; init; }
    public string SaleNumber { get; init; } = "";
    public Guid StoreId { get; init; }
    public Guid CustomerId { get; init; }
    public DateTimeOffset SoldAt { get; init; }
    public string CustomerName { get; init; } = "";
    public string CustomerPhones { get; init; } = "";
    public List<Line> Lines { get; private set; } = [];
    public List<Unit> Units { get; private set; } = [];

    public sealed class Line
    {
        public int LineNo { get; init; }
        public string Category { get; init; } = "";
        public Guid ManufacturerId { get; init; }
        public string Model { get; init; } = "";
        public string? SerialNumber { get; init; }
        public int Qty { get; init; }
        public long PriceFen { get; init; }
        public string InvoiceNumber { get; init; } = "";
        public bool? NeedsInstallation { get; init; }
        public DateOnly? DeliveryOn { get; init; }
        public string? ReturnedKind { get; init; }
        public DateOnly? ReturnedOn { get; init; }
        public string? NewSerialNumber { get; init; }
    }

    public sealed class Unit
    {
        public int LineNo { get; init; }
        public int UnitNo { get; init; }
        public Guid ApplianceId { get; init; }
        public Guid? InstallationOrderId { get; init; }
        public Guid? CallbackId { get; init; }
        public Guid? ReplacementApplianceId { get; init; }
    }

    public static async Task<StoredSale?> LoadAsync(DbConnection c, DbTransaction tx, string saleNumber)
    {
        var sale = await c.QuerySingleOrDefaultAsync<StoredSale>(HeadSql, new { SaleNumber = saleNumber }, tx);
        if (sale is null) return null;
        sale.Lines = (await c.QueryAsync<Line>(LinesSql, new { sale.Id }, tx)).ToList();
        sale.Units = (await c.QueryAsync<Unit>(UnitsSql, new { sale.Id }, tx)).ToList();
        return sale;
    }

    public SaleResponse Answer() => new(SaleNumber, CustomerId, Units.Select(u => u.ApplianceId).ToList(),
        Units.Where(u => u.InstallationOrderId is not null).Select(u => u.InstallationOrderId!.Value).ToList(),
        Units.Where(u => u.CallbackId is not null).Select(u => u.CallbackId!.Value).ToList());

    /// <summary>The first field a resend changed (its JSON path), or null when it only repeats or adds lines.</summary>
    public string? FirstChange(SaleRequest resend, Guid storeId, IReadOnlyList<string> phones)
    {
        if (storeId != StoreId) return "storeId";
        if (resend.SoldAt!.Value != SoldAt) return "soldAt";
        if (resend.Customer.Name.Trim() != CustomerName) return "customer.name";
        if (string.Join(',', phones) != CustomerPhones) return "customer.phones";
        foreach (var stored in Lines)
        {
            var i = resend.Lines.FindIndex(l => l.LineNo == stored.LineNo);
            if (i < 0) return $"lines[lineNo={stored.LineNo}]";
            var l = resend.Lines[i];
            var changed =
                l.Category!.Value.ToString() != stored.Category ? "category"
                : l.ManufacturerId != stored.ManufacturerId ? "manufacturerId"
                : l.Model.Trim() != stored.Model ? "model"
                : Blank(l.SerialNumber) != stored.SerialNumber ? "serialNumber"
                : l.Qty != stored.Qty ? "qty"
                : Fen.FromYuan(l.Price!.Value) != stored.PriceFen ? "price"
                : l.InvoiceNumber.Trim() != stored.InvoiceNumber ? "invoiceNumber"
                : l.NeedsInstallation != stored.NeedsInstallation ? "needsInstallation"
                : l.DeliveryOn != stored.DeliveryOn ? "deliveryOn"
                : null;
            if (changed is not null) return $"lines[{i}].{changed}";
        }
        return null;
    }

    internal static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
