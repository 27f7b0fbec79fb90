using System.Data.Common;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Stores;

/// <summary>A district belongs to at most one store (the primary key of store_districts), so routing has one answer.</summary>
public static class StoreDistricts
{
    public const string DefaultLanguage = "zh-CN";
    private static readonly string[] Languages = ["zh-CN", "en"];

    private const string OwnerSql = "SELECT s.code AS store, d.district FROM store_districts d JOIN stores s ON s.id = d.store_id WHERE d.district = @District AND d.store_id <> @StoreId";
    private const string DeleteSql = "DELETE FROM store_districts WHERE store_id = @StoreId";
    private const string InsertSql = "INSERT INTO store_districts (district, store_id) VALUES (@District, @StoreId)";
    private const string RouteSql = "SELECT d.store_id FROM store_districts d JOIN stores s ON s.id = d.store_id WHERE d.district = @District AND s.kind = 'Store'";

    public static ProblemHttpResult? Refusal(string[]? districts, string? language)
    {
        for (var i = 0; i < (districts?.Length ?? 0); i++)
            if (string.IsNullOrWhiteSpace(districts![i]) || districts[i].Trim().Length > 100)
                return Problems.Validation($"districts[{i}]", Codes.Chain.DistrictName);
        if (language is not null && !Languages.Contains(language))
            return Problems.Validation("language", Codes.Chain.UnknownLanguage.With(string.Join(", ", Languages)));
        return null;
    }

    public static List<string> Clean(string[]? districts) =>
        (districts ?? []).Select(d => d.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();

    /// <summary>Replaces the store's districts; a district another store serves is refused naming it and that store.</summary>
    public static async Task<ProblemHttpResult?> ClaimAsync(DbConnection c, DbTransaction tx, Guid storeId, IReadOnlyList<string> districts)
    {
        foreach (var district in districts)
            if (await c.QueryFirstOrDefaultAsync<Owner>(OwnerSql, new { District = district, StoreId = storeId }, tx) is { } owner)
                return Problems.Conflict("district-taken", Codes.Chain.DistrictTaken.With(owner.District, owner.Store),
                    new Dictionary<string, object?> { ["district"] = owner.District });
        await c.ExecuteAsync(DeleteSql, new { StoreId = storeId }, tx);
        await c.ExecuteAsync(InsertSql, districts.Select(d => new { District = d, StoreId = storeId }), tx);
        return null;
    }

    /// <summary>The shop serving this district, if any.</summary>
    public static Task<Guid?> RouteAsync(DbConnection c, DbTransaction? tx, string? district) =>
        string.IsNullOrWhiteSpace(district) ? Task.FromResult<Guid?>(null)
            : c.QueryFirstOrDefaultAsync<Guid?>(RouteSql, new { District = district.Trim() }, tx);

    private sealed class Owner
    {
        public string Store { get; init; } = "";
        public string District { get; init; } = "";
    }
}
