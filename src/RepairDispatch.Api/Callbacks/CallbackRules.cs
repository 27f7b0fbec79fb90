using RepairDispatch.Api.Customers;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Callbacks;

public enum CallbackKind { AfterService, AfterInstallation, AfterInstallation30, Sales, Manufacturer }

public enum CallbackStatus { Scheduled, NoAnswer, Done, Refused, Unreachable, Cancelled }

/// <summary>
/// When follow-up calls (回访) fall due, in store-local days (domain.md "Callbacks"). Pure: no I/O, no clock.
/// After a service +1 day; after an installation +3 days, and for a big appliance also +30 days; a sales follow-up
/// +7 days after an appliance bought here is registered. An unanswered call moves to the next working day (Calendar.WorkingDays).
/// </summary>
public static class CallbackRules
{
    public const int MaxAttempts = 3;

    public static readonly IReadOnlySet<ApplianceCategory> BigAppliances =
        new HashSet<ApplianceCategory> { ApplianceCategory.AirConditioner, ApplianceCategory.Refrigerator, ApplianceCategory.WashingMachine };

    public static IReadOnlyList<(CallbackKind Kind, DateOnly DueOn)> AfterCompletion(WorkOrderType type, ApplianceCategory category, DateOnly completedOn) =>
        type switch
        {
            WorkOrderType.Installation when BigAppliances.Contains(category) =>
                [(CallbackKind.AfterInstallation, completedOn.AddDays(3)), (CallbackKind.AfterInstallation30, completedOn.AddDays(30))],
            WorkOrderType.Installation => [(CallbackKind.AfterInstallation, completedOn.AddDays(3))],
            _ => [(CallbackKind.AfterService, completedOn.AddDays(1))],
        };

    public static DateOnly SalesFollowUp(DateOnly registeredOn) => registeredOn.AddDays(7);
}
