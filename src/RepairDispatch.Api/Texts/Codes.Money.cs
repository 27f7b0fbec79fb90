namespace RepairDispatch.Api.Texts;

public static partial class Codes
{
    /// <summary>Descriptions of charge and settlement lines.</summary>
    public static class Charge
    {
        public static readonly Code InstallationFee = new("charge.installation-fee", "category");
        public static readonly Code ManagementFee = new("charge.management-fee", "percent", "fee");
        public static readonly Code PartnerPayout = new("charge.partner-payout", "fee", "managementFee");
        public static readonly Code RepairFee = new("charge.repair-fee", "level", "category");
        public static readonly Code PartsAtCost = new("charge.parts-at-cost", "part", "qty", "cost");
        public static readonly Code Labour = new("charge.labour", "minutes", "halfHours", "rate");
        public static readonly Code MinimumLabour = new("charge.minimum-labour", "minutes", "halfHours", "rate", "amount");
        public static readonly Code Part = new("charge.part", "part", "qty", "price");
        public static readonly Code OnSiteFee = new("charge.on-site-fee");
        public static readonly Code CallbackFee = new("charge.callback-fee", "kind");
    }

    /// <summary>Why pricing claimed nothing (or less) from someone.</summary>
    public static class Pricing
    {
        public static readonly Code StoreGoodwill = new("pricing.store-goodwill");
        public static readonly Code NoPartnerSplit = new("pricing.no-partner-split");
        public static readonly Code NoContract = new("pricing.no-contract");
        public static readonly Code NotClaimable = new("pricing.not-claimable");
        public static readonly Code NoInstallationFee = new("pricing.no-installation-fee", "category");
        public static readonly Code NoInstallationFeeNoSplit = new("pricing.no-installation-fee-no-split", "category");
        public static readonly Code NoRepairLevel = new("pricing.no-repair-level", "type");
        public static readonly Code NoRepairFee = new("pricing.no-repair-fee", "level", "category");
        public static readonly Code PartsSupplied = new("pricing.parts-supplied");
    }

    /// <summary>Money in texts: yuan with two decimals, the same in every language.</summary>
    public static string Yuan(decimal amount) => amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
