namespace RepairDispatch.Api.Texts;

public static partial class Codes
{
    /// <summary>Why a candidate ranks where it does.</summary>
    public static class Candidate
    {
        public static readonly Code TravelFromHome = new("candidate.travel-from-home", "minutes");
        public static readonly Code TravelFromPrevious = new("candidate.travel-from-previous", "minutes");
        public static readonly Code Load = new("candidate.load", "jobs", "capacity");
        public static readonly Code Satisfaction = new("candidate.satisfaction", "average", "count");
        public static readonly Code NoRatings = new("candidate.no-ratings");
        public static readonly Code WorksIn = new("candidate.works-in", "district");
        public static readonly Code Urgent = new("candidate.urgent");
        public static readonly Code Installs = new("candidate.installs", "category");
        public static readonly Code Covers = new("candidate.covers", "district");
        public static readonly Code OutsideDistricts = new("candidate.outside-districts");
    }

    /// <summary>Why a technician or partner cannot take an order.</summary>
    public static class Excluded
    {
        public static readonly Code Inactive = new("excluded.inactive");
        public static readonly Code NoSkill = new("excluded.no-skill", "category");
        public static readonly Code NotCertified = new("excluded.not-certified");
        public static readonly Code DayOff = new("excluded.day-off", "weekday");
        public static readonly Code ShiftMissesWindow = new("excluded.shift-misses-window", "from", "to");
        public static readonly Code DayFull = new("excluded.day-full", "jobs", "capacity");
        public static readonly Code NoInstall = new("excluded.no-install", "category");
    }
}
