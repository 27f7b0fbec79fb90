using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Technicians;

/// <summary>Replaces everything but store and code; an omitted optional field goes back to its default.</summary>
public sealed record UpdateTechnicianRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: Required, StringLength(32, MinimumLength = 1)] string Phone,
    [property: Required, MinLength(1), MaxLength(9)] ApplianceCategory[] Skills,
    [property: MaxLength(50)] Guid[]? Certifications,
    [property: MaxLength(50)] string[]? Districts,
    [property: Range(1, 30)] int? DailyCapacity,
    GeoPoint? Start,
    ShiftWindow? Shift,
    [property: MinLength(1), MaxLength(7)] string[]? WorkDays,
    bool? Active);

public static class UpdateTechnician
{
    private const string StoreOfSql = "SELECT store_id FROM technicians WHERE id = @Id";
    private const string UpdateSql = """
        UPDATE technicians
        SET name = @Name, phone = @Phone, daily_capacity = @DailyCapacity, start_lat = @StartLat, start_lon = @StartLon,
            shift_from = @ShiftFrom, shift_to = @ShiftTo, work_days = @WorkDays, active = @Active
        WHERE id = @Id
        """;

    public static async Task<Results<Ok<TechnicianResponse>, ProblemHttpResult>> Handle(
        Guid id, UpdateTechnicianRequest request, HttpContext http, Db db)
    {
        var invalid = TechnicianDetails.TryCreate(request.Skills, request.Certifications, request.Districts, request.Shift, request.WorkDays, out var details);
        if (invalid is not null) return invalid;
        var me = http.Me();

        return await db.InTransactionAsync<Results<Ok<TechnicianResponse>, ProblemHttpResult>>(async (c, tx) =>
        {
            var storeId = await c.QuerySingleOrDefaultAsync<Guid?>(StoreOfSql, new { Id = id }, tx);
            if (storeId is null || !me.SeesStore(storeId.Value)) return Problems.NotFound(Codes.Thing.Technician);
            if (!await details.ManufacturersExistAsync(c, tx))
                return Problems.Validation("certifications", Codes.Refusal.ManufacturersMissing);

            await c.ExecuteAsync(UpdateSql, new
            {
                Id = id, Name = request.Name.Trim(), Phone = request.Phone.Trim(),
                DailyCapacity = request.DailyCapacity ?? TechnicianDetails.DefaultDailyCapacity,
                StartLat = request.Start?.Lat, StartLon = request.Start?.Lon, ShiftFrom = details.Shift.From, ShiftTo = details.Shift.To,
                WorkDays = details.WorkDaysText, Active = request.Active ?? true,
            }, tx);
            await details.WriteAsync(c, tx, id, replace: true);
            return TypedResults.Ok((await TechnicianReads.ByIdAsync(c, tx, id))!);
        });
    }
}
