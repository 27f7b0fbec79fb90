namespace RepairDispatch.Api.Texts;

public static partial class Codes
{
    /// <summary>Sales intake from the store's tills: sales, returns and exchanges.</summary>
    public static class Sales
    {
        public static readonly Code Thing = new("thing.sale");
        public static readonly Code PhoneRequired = new("sales.phone-required");
        public static readonly Code StoreRequired = new("sales.store-required");
        public static readonly Code OwnStoreOnly = new("sales.own-store-only");
        public static readonly Code QtyPositive = new("sales.qty-positive");
        public static readonly Code PriceInFen = new("sales.price-in-fen");
        public static readonly Code LineNoTwice = new("sales.line-no-twice", "lineNo");
        public static readonly Code SerialNeedsOneUnit = new("sales.serial-needs-one-unit");
        public static readonly Code DeliveryBeforeSale = new("sales.delivery-before-sale", "soldOn");
        public static readonly Code Changed = new("sales.changed", "field");
        public static readonly Code NoSuchLine = new("sales.no-such-line", "lineNo");
        public static readonly Code BeforeSale = new("sales.before-sale", "soldOn");
        public static readonly Code ReturnedOtherwise = new("sales.returned-otherwise", "lineNo", "kind", "on");
        public static readonly Code ApplianceReturned = new("sales.appliance-returned", "saleNumber");
        public static readonly Code InstallationOfSale = new("sales.installation-of-sale", "saleNumber");
    }

    /// <summary>The daily sales file of a store without an integration, refused row by row.</summary>
    public static class SalesImport
    {
        public static readonly Code ColumnsMissing = new("sales-import.columns-missing", "columns");
        public static readonly Code NoRows = new("sales-import.no-rows");
        public static readonly Code CellRequired = new("sales-import.cell-required", "row", "column");
        public static readonly Code CellInvalid = new("sales-import.cell-invalid", "row", "column", "value");
        public static readonly Code UnknownManufacturer = new("sales-import.unknown-manufacturer", "row", "value");
        public static readonly Code SaleRefused = new("sales-import.sale-refused", "saleNumber", "row");
        public static readonly Code Refused = new("sales-import.refused", "row", "reason");
    }
}
