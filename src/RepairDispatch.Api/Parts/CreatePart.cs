using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Parts;

public sealed record CreatePartRequest(
    [property: Required, StringLength(64, MinimumLength = 1)] string PartNumber,
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    ApplianceCategory? Category,
    Guid? ManufacturerId,
    [property: Required] bool? MainPart,
    [property: Required, Range(0, 1_000_000)] decimal? Cost,
    [property: Required, Range(0, 1_000_000)] decimal? RetailPrice);

public static class CreatePart
{
    private const string PartNumberTakenSql = "SELECT COUNT(*) FROM parts WHERE part_number = @PartNumber";
    private const string ManufacturerExistsSql = "SELECT COUNT(*) FROM manufacturers WHERE id = @Id";
    private const string InsertSql = """
        INSERT INTO parts (id, part_number, name, category, manufacturer_id, main_part, cost_fen, retail_price_fen, created_at)
        VALUES (@Id, @PartNumber, @Name, @Category, @ManufacturerId, @MainPart, @CostFen, @RetailPriceFen, @CreatedAt)
        """;

    public static async Task<Results<Created<PartResponse>, ProblemHttpResult>> Handle(CreatePartRequest request, Db db, TimeProvider clock)
    {
        if (!Fen.HasAtMostTwoDecimals(request.Cost!.Value)) return Problems.Validation("cost", Codes.Refusal.AtMost2Decimals);
        if (!Fen.HasAtMostTwoDecimals(request.RetailPrice!.Value)) return Problems.Validation("retailPrice", Codes.Refusal.AtMost2Decimals);
        var part = new PartResponse(Guid.CreateVersion7(), request.PartNumber.Trim(), request.Name.Trim(), request.Category, request.ManufacturerId,
            request.MainPart!.Value, Fen.ToYuan(Fen.FromYuan(request.Cost.Value)), Fen.ToYuan(Fen.FromYuan(request.RetailPrice.Value)), clock.GetUtcNow());

        return await db.InTransactionAsync<Results<Created<PartResponse>, ProblemHttpResult>>(async (c, tx) =>
        {
            if (part.ManufacturerId is { } m && await c.ExecuteScalarAsync<long>(ManufacturerExistsSql, new { Id = m }, tx) == 0)
                return Problems.Validation("manufacturerId", Codes.Refusal.NoSuchManufacturer);
            if (await c.ExecuteScalarAsync<long>(PartNumberTakenSql, new { part.PartNumber }, tx) > 0)
                return Problems.Conflict("part-number-taken", Codes.Refusal.PartNumberTaken.With(part.PartNumber));
            await c.ExecuteAsync(InsertSql, new
            {
                part.Id, part.PartNumber, part.Name, Category = part.Category?.ToString(), part.ManufacturerId, part.MainPart,
                CostFen = Fen.FromYuan(part.Cost), RetailPriceFen = Fen.FromYuan(part.RetailPrice), part.CreatedAt,
            }, tx);
            return TypedResults.Created($"/api/v1/parts/{part.Id}", part);
        });
    }
}
