namespace RepairDispatch.Api.Settlements;

/// <summary>The store's price list for customer-paid work (RepairDispatch:Pricing), in yuan.</summary>
public sealed class PricingOptions
{
    public decimal LabourPerHalfHour { get; set; } = 40m;
    public decimal OnSiteFee { get; set; } = 30m;
    public decimal? MinimumLabour { get; set; }

    public CustomerPriceList ToPriceList() => new(LabourPerHalfHour, OnSiteFee, MinimumLabour);
}
