using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Stores;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Mobile;

public static class MobileJobs
{
    private const string OpenJobsSql = "SELECT " + WorkOrder.Columns + """
         FROM work_orders
        WHERE technician_id = @TechnicianId AND status IN ('Assigned','Accepted','EnRoute','OnSite','AwaitingParts')
        ORDER BY appointment_from, created_at
        """;

    /// <summary>Open jobs of the calling technician; with a date, those booked that day (store time) and those not booked yet.</summary>
    public static async Task<IResult> List(HttpContext http, Db db, TimeProvider clock, DateOnly? date)
    {
        var me = http.Me();
        await using var c = await db.OpenAsync();
        var jobs = (await c.QueryAsync<WorkOrder>(OpenJobsSql, new { me.TechnicianId })).ToList();
        if (date is { } day && jobs.Count > 0)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(await StoreHandlers.TimeZoneOf(c, null, jobs[0].StoreId) ?? "Asia/Shanghai");
            jobs = jobs.Where(j => j.AppointmentFrom is not { } from || DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, zone).DateTime) == day).ToList();
        }
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new Page<WorkOrderResponse>(jobs.Select(j => WorkOrderResponse.From(j, now)).ToList(), null));
    }
}
