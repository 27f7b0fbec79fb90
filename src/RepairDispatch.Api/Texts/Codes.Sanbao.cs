using RepairDispatch.Api.Sanbao;

namespace RepairDispatch.Api.Texts;

public static partial class Codes
{
    /// <summary>三包: the three guarantees' reasons, exclusions and decisions.</summary>
    public static class Sanbao
    {
        public static readonly Code Return7 = new("sanbao.return-7", "invoiceOn", "until");
        public static readonly Code Exchange15 = new("sanbao.exchange-15", "invoiceOn", "until");
        public static readonly Code SameFault = new("sanbao.same-fault", "fault", "repairs", "until");
        public static readonly Code PartsWait = new("sanbao.parts-wait", "days", "limit");
        public static readonly Code RepairerDelay = new("sanbao.repairer-delay", "days", "limit");
        public static readonly Code RepairOnly = new("sanbao.repair-only", "until");
        public static readonly Code Extended = new("sanbao.extended", "days");
        public static readonly Code Restarted = new("sanbao.restarted", "exchanges", "since");
        public static readonly Code Expired = new("sanbao.expired", "ended");
        public static readonly Code NoInvoice = new("sanbao.no-invoice");
        public static readonly Code Excluded = new("sanbao.excluded", "kind");
        public static readonly Code Retired = new("sanbao.retired");
        public static readonly Code NotEntitled = new("sanbao.not-entitled", "decision", "entitlement");
        public static readonly Code NewSerialRequired = new("sanbao.new-serial-required");
        public static readonly Code OrderNotOfAppliance = new("sanbao.order-not-of-appliance");
        public static readonly Code CancelledOrder = new("sanbao.cancelled-order");

        public static Text Word(ExclusionKind kind) => Text.Of("exclusion." + kind);
        public static Text Word(SanbaoEntitlement entitlement) => Text.Of("entitlement." + entitlement);
    }
}
