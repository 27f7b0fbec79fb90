using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Technicians;

public sealed record CreateTechnicianRequest(
    Guid StoreId,
    [property: Required, StringLength(32, MinimumLength = 1)] string Code,
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: Required, StringLength(32, MinimumLength = 1)] string Phone,
    [property: Required, MinLength(1), MaxLength(9)] ApplianceCategory[] Skills,
    [property: MaxLength(50)] Guid[]? Certifications,
    [property: MaxLength(50)] string[]? Districts,
    [property: Range(1, 30)] int? DailyCapacity,
    GeoPoint? Start,
    ShiftWindow? Shift,
    [property: MinLength(1), MaxLength(7)] string[]? WorkDays);

public static class CreateTechnician
{
    private const string StoreExistsSql = "SELECT COUNT(*) FROM stores WHERE id = @StoreId";
    private const string CodeTakenSql = "SELECT COUNT(*) FROM technicians WHERE store_id = @StoreId AND code = @Code";
    private const string InsertSql = """
        INSERT INTO technicians (id, store_id, code, name, phone, daily_capacity, start_lat, start_lon, shift_from, shift_to, work_days, active, created_at)
        VALUES (@Id, @StoreId, @Code, @Name, @Phone, @DailyCapacity, @StartLat, @StartLon, @ShiftFrom, @ShiftTo, @WorkDays, 1, @CreatedAt)
        """;

    public static async Task<Results<Created<TechnicianResponse>, ProblemHttpResult>> Handle(
        CreateTechnicianRequest request, HttpContext http, Db db, TimeProvider clock)
    {
        var invalid = TechnicianDetails.TryCreate(request.Skills, request.Certifications, request.Districts, request.Shift, request.WorkDays, out var details);
        if (invalid is not null) return invalid;
        var me = http.Me();
        var technician = new TechnicianResponse(Guid.CreateVersion7(), request.StoreId, request.Code.Trim(), request.Name.Trim(), request.Phone.Trim(),
            details.Skills, details.Certifications, details.Districts, request.DailyCapacity ?? TechnicianDetails.DefaultDailyCapacity,
            request.Start, details.Shift, details.WorkDays, true, clock.GetUtcNow());

        return await db.InTransactionAsync<Results<Created<TechnicianResponse>, ProblemHttpResult>>(async (c, tx) =>
        {
            // A store-bound manager cannot tell other stores apart from missing ones.
            if (!me.SeesStore(technician.StoreId) || await c.ExecuteScalarAsync<long>(StoreExistsSql, new { technician.StoreId }, tx) == 0)
                return Problems.Validation("storeId", Codes.Refusal.NoSuchStore);
            if (!await details.ManufacturersExistAsync(c, tx))
                return Problems.Validation("certifications", Codes.Refusal.ManufacturersMissing);
            if (await c.ExecuteScalarAsync<long>(CodeTakenSql, new { technician.StoreId, technician.Code }, tx) > 0)
                return Problems.Conflict("technician-code-taken", Codes.Refusal.TechnicianCodeTaken.With(technician.Code));

            await c.ExecuteAsync(InsertSql, new
            {
                technician.Id, technician.StoreId, technician.Code, technician.Name, technician.Phone, technician.DailyCapacity,
                StartLat = technician.Start?.Lat, StartLon = technician.Start?.Lon, ShiftFrom = technician.Shift.From,
                ShiftTo = technician.Shift.To, WorkDays = details.WorkDaysText, technician.CreatedAt,
            }, tx);
            await details.WriteAsync(c, tx, technician.Id, replace: false);
            return TypedResults.Created($"/api/v1/technicians/{technician.Id}", technician);
        });
    }
}
