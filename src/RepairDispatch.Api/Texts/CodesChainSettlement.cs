namespace RepairDispatch.Api.Texts;

public static partial class Codes
{
    /// <summary>Unified settlement of a chain (issue 16): runs of every store, their per-store parts, headquarters' reports.</summary>
    public static class ChainSettlement
    {
        public static readonly Code HeadquartersOnly = new("chain-settlement.headquarters-only");
        public static readonly Code Store = new("export.store");
        public static readonly Code Subtotal = new("export.subtotal");
        public static readonly Code ChainLines = new("export.chain-lines");
    }
}
