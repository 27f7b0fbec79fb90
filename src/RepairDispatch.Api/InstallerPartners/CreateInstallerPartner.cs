using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.InstallerPartners;

public sealed record CreateInstallerPartnerRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: MaxLength(100)] List<string>? Districts,
    [property: Required, MinLength(1), MaxLength(9)] List<ApplianceCategory> Categories,
    [property: Required, Range(0.20, 0.30)] decimal? ManagementFeeRate,
    DateOnly? AgreementFrom);

public static class CreateInstallerPartner
{
    private const string NameTakenSql = "SELECT COUNT(*) FROM installer_partners WHERE name = @Name";
    private const string InsertSql = """
        INSERT INTO installer_partners (id, name, active, created_at) VALUES (@Id, @Name, 1, @CreatedAt)
        """;
    private const string InsertCategorySql = "INSERT INTO installer_partner_categories (installer_partner_id, category) VALUES (@Id, @Category)";
    private const string InsertDistrictSql = "INSERT INTO installer_partner_districts (installer_partner_id, district) VALUES (@Id, @District)";

    public static async Task<Results<Created<InstallerPartnerResponse>, ProblemHttpResult>> Handle(
        CreateInstallerPartnerRequest request, HttpContext http, Db db, Stores.StoreClock clock)
    {
        if (PartnerRates.BasisPoints(request.ManagementFeeRate!.Value) is not { } basisPoints)
            return Problems.Validation("managementFeeRate", Codes.Refusal.BasisPoints);
        var districts = new List<string>();
        foreach (var raw in request.Districts ?? [])
        {
            var district = raw?.Trim();
            if (string.IsNullOrEmpty(district) || district.Length > 100)
                return Problems.Validation("districts", Codes.Refusal.DistrictLength);
            if (!districts.Contains(district, StringComparer.OrdinalIgnoreCase)) districts.Add(district);
        }
        districts.Sort(StringComparer.Ordinal);
        var partner = new InstallerPartnerResponse(Guid.CreateVersion7(), request.Name.Trim(), districts,
            request.Categories.Distinct().Order().ToList(), InstallerPartner.Rate(basisPoints), true, clock.Now);

        return await db.InTransactionAsync<Results<Created<InstallerPartnerResponse>, ProblemHttpResult>>(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<long>(NameTakenSql, new { partner.Name }, tx) > 0)
                return Problems.Conflict("installer-partner-name-taken", Codes.Refusal.PartnerNameTaken.With(partner.Name));
            await c.ExecuteAsync(InsertSql, new { partner.Id, partner.Name, partner.CreatedAt }, tx);
            await c.ExecuteAsync(PartnerRates.InsertSql, new
            {
                partner.Id, ValidFrom = request.AgreementFrom ?? clock.HeadquartersToday, ManagementFeeBp = basisPoints,
                CreatedBy = http.Me().Id, partner.CreatedAt,
            }, tx);
            await c.ExecuteAsync(InsertCategorySql, partner.Categories.Select(k => new { partner.Id, Category = k.ToString() }), tx);
            await c.ExecuteAsync(InsertDistrictSql, partner.Districts.Select(d => new { partner.Id, District = d }), tx);
            return TypedResults.Created($"/api/v1/installer-partners/{partner.Id}", partner);
        });
    }
}
