using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Calendar;

public static class CalendarApi
{
    public static void MapCalendar(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/calendar").WithTags("Calendar").RequireAuthorization()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        group.MapGet("/{year:int}", CalendarYears.Get).WithName("GetCalendarYear")
            .Produces<CalendarYearResponse>().ProducesValidationProblem().ProducesProblem(404);
        group.MapPut("/{year:int}", CalendarYears.Put).RequireAuthorization(Policies.Admin).WithName("PutCalendarYear")
            .Produces<CalendarYearResponse>().ProducesValidationProblem().ProducesProblem(412);
    }
}
