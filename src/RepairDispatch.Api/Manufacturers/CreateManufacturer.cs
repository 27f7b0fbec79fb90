using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Manufacturers;

public sealed record CreateManufacturerRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: StringLength(200)] string? ContactName,
    [property: StringLength(32)] string? ContactPhone,
    [property: StringLength(2000)] string? ClaimDetails);

public static class CreateManufacturer
{
    private const string NameTakenSql = "SELECT COUNT(*) FROM manufacturers WHERE name = @Name";
    private const string InsertSql = """
        INSERT INTO manufacturers (id, name, contact_name, contact_phone, claim_details, created_at)
        VALUES (@Id, @Name, @ContactName, @ContactPhone, @ClaimDetails, @CreatedAt)
        """;

    public static async Task<Results<Created<ManufacturerResponse>, ProblemHttpResult>> Handle(
        CreateManufacturerRequest request, Db db, TimeProvider clock)
    {
        var manufacturer = new ManufacturerResponse(Guid.CreateVersion7(), request.Name.Trim(), Blank(request.ContactName),
            Blank(request.ContactPhone), Blank(request.ClaimDetails), clock.GetUtcNow());
        return await db.InTransactionAsync<Results<Created<ManufacturerResponse>, ProblemHttpResult>>(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<long>(NameTakenSql, new { manufacturer.Name }, tx) > 0)
                return Problems.Conflict("manufacturer-name-taken", Codes.Refusal.ManufacturerNameTaken.With(manufacturer.Name));
            await c.ExecuteAsync(InsertSql, manufacturer, tx);
            return TypedResults.Created($"/api/v1/manufacturers/{manufacturer.Id}", manufacturer);
        });
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
