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

    /// <summary>Why a day plan (or an urgent insertion) left a visit out: the optimiser's reasons (`plan.{code}`).</summary>
    public static class Plan
    {
        public static readonly Code PinnedAbsent = new("plan.pinned-absent", "technician");
        public static readonly Code NoSkills = new("plan.no-skills", "skills");
        public static readonly Code PinnedLacksSkill = new("plan.pinned-lacks-skill", "technician", "skills");
        public static readonly Code DemandExceeds = new("plan.demand-exceeds", "demand");
        public static readonly Code NoWindow = new("plan.no-window", "window");
        public static readonly Code NoRoom = new("plan.no-room", "qualified", "window");
        public static readonly Code PinnedOutOfReach = new("plan.pinned-out-of-reach", "technician", "window");
        public static readonly Code MovedOn = new("plan.moved-on", "status");

        /// <summary>The optimiser's reason as a text; a technician is named, a category skill is a word.</summary>
        public static Text Of(Planning.UnservedReason why, IReadOnlyDictionary<string, string> technicianNames) =>
            new("plan." + why.Code, why.Args.ToDictionary(a => a.Key, a => (object?)(a.Key switch
            {
                "technician" => technicianNames.GetValueOrDefault(a.Value, a.Value),
                "skills" => a.Value.Split(", ").Select(s => Enum.TryParse<Customers.ApplianceCategory>(s, out var c) ? Word(c) : Said.With(s)).ToList(),
                _ => a.Value,
            })));
    }

    /// <summary>The optimiser's phases (`plan-phase.{name}`).</summary>
    public static readonly IReadOnlyList<string> PlanPhases = ["construction", "vehicles", "travel", "done"];

    /// <summary>Why a technician or partner cannot take an order.</summary>
    public static class Excluded
    {
        public static readonly Code Inactive = new("excluded.inactive");
        public static readonly Code NoSkill = new("excluded.no-skill", "category");
        public static readonly Code NotCertified = new("excluded.not-certified");
        public static readonly Code DayOff = new("excluded.day-off", "weekday");
        public static readonly Code Holiday = new("excluded.holiday", "day");
        public static readonly Code ShiftMissesWindow = new("excluded.shift-misses-window", "from", "to");
        public static readonly Code DayFull = new("excluded.day-full", "jobs", "capacity");
        public static readonly Code NoInstall = new("excluded.no-install", "category");
    }
}
