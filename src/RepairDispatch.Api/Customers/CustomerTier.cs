namespace RepairDispatch.Api.Customers;

/// <summary>VIP customers get shorter SLAs (分级对待).</summary>
public enum CustomerTier { Standard, Vip }
