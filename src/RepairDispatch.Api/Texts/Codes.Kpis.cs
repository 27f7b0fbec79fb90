namespace RepairDispatch.Api.Texts;

public static partial class Codes
{
    /// <summary>The KPI report's refusals and the definitions the dashboard shows (docs/kpis.md).</summary>
    public static class Kpis
    {
        public static readonly Code GroupByUnknown = new("kpis.group-by-unknown");
        public static readonly Code CategoryUnknown = new("kpis.category-unknown");
        public static readonly Code PeriodTooLong = new("kpis.period-too-long", "days");

        /// <summary>The report's figures, in its order; each has a name and a definition (docs/kpis.md, shortened).</summary>
        public static readonly string[] Figures = ["orders", "completed", "firstTimeFixRate", "repeatRepairRate", "assignMinutes", "onSiteMinutes", "completeMinutes", "slaCompliance", "satisfaction", "complaintRate", "jobsPerTechnicianDay", "utilisation", "revenue", "claimFirstPassRate", "oldPartsOnTimeRate"];

        public static Text Name(string figure) => Text.Of("kpis.name." + figure);
        public static Text Definition(string figure) => Text.Of("kpis.def." + figure);
    }
}
