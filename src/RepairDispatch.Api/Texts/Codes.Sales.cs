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
}
