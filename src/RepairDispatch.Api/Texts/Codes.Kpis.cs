namespace RepairDispatch.Api.Texts;

public static partial class Codes
{
    /// <summary>The KPI report's refusals and the definitions the dashboard shows (docs/kpis.md).</summary>
    public static class Kpis
    {
        public static readonly Code GroupByUnknown = new("kpis.group-by-unknown");
        public static readonly Code CategoryUnknown = new("kpis.category-unknown");
        public static readonly Code PeriodTooLong = new("kpis.period-too-long", "days");
    }
}
