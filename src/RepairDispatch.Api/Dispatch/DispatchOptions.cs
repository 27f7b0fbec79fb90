using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Dispatch;

/// <summary>`RepairDispatch:Dispatch`: service durations, the lunch break, and the optimiser's time limit.</summary>
public sealed class DispatchOptions
{
    public int RepairMinutes { get; set; } = 60;
    public int InstallationMinutes { get; set; } = 120;
    public int MaintenanceMinutes { get; set; } = 45;

    /// <summary>Extra minutes per category, e.g. an air conditioner takes longer to install: {"AirConditioner": 30}.</summary>
    public Dictionary<string, int> ExtraMinutesByCategory { get; set; } = new() { ["AirConditioner"] = 30, ["Refrigerator"] = 15 };

    /// <summary>Lunch: a break of LunchMinutes starting between LunchEarliest and LunchLatest (store time, HH:mm).</summary>
    public string LunchEarliest { get; set; } = "11:30";
    public string LunchLatest { get; set; } = "13:30";
    public int LunchMinutes { get; set; } = 60;

    /// <summary>The optimiser's default and largest time limit for a day plan.</summary>
    public int PlanSeconds { get; set; } = 30;
    public int MaxPlanSeconds { get; set; } = 300;

    public double ServiceMinutes(WorkOrderType type, string category) => type switch
    {
        WorkOrderType.Installation => InstallationMinutes,
        WorkOrderType.Maintenance => MaintenanceMinutes,
        _ => RepairMinutes,
    } + ExtraMinutesByCategory.GetValueOrDefault(category);
}
