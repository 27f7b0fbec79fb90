using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Api.OldParts;

/// <summary>
/// Old parts (旧件): listed by office roles of their store, checked in and shipped back by the desk, written off by a
/// manager; the technician sees his own on the phone.
/// </summary>
public static class OldPartsApi
{
    public static void MapOldParts(this IEndpointRouteBuilder app)
    {
        var parts = app.MapGroup("/api/v1/old-parts").WithTags("Old parts").ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        parts.MapGet("/", ReadOldParts.List).WithName("ListOldParts").RequireAuthorization(Policies.Staff)
            .Produces<Page<OldPartView>>().ProducesValidationProblem().ProducesProblem(404);
        parts.MapGet("/{id:guid}", ReadOldParts.Get).WithName("GetOldPart").RequireAuthorization(Policies.Staff)
            .Produces<OldPartDetail>().ProducesProblem(404);
        parts.MapGet("/{id:guid}/label", OldPartLabel.Handle).WithName("GetOldPartLabel").RequireAuthorization(Policies.Staff)
            .Produces(200, null, OldPartLabel.PngType).ProducesProblem(404).ProducesProblem(503);
        parts.MapPost("/{tag}/check-in", CheckIn.Handle).WithName("CheckInOldPart").RequireAuthorization(Policies.Intake)
            .Produces<OldPartDetail>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        parts.MapPost("/{id:guid}/write-off", WriteOff.Handle).WithName("WriteOffOldPart").RequireAuthorization(Policies.Dispatch)
            .Produces<OldPartDetail>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);

        var returns = parts.MapGroup("/returns").RequireAuthorization(Policies.Intake);
        returns.MapGet("/", ReadReturns.List).WithName("ListOldPartReturns").Produces<Page<ReturnListItem>>().ProducesValidationProblem();
        returns.MapPost("/", CreateReturn.Handle).WithName("CreateOldPartReturn").Produces<ReturnView>(201).ProducesValidationProblem()
            .ProducesProblem(409);
        returns.MapGet("/{id:guid}", ReadReturns.Get).WithName("GetOldPartReturn").Produces<ReturnView>().ProducesProblem(404);
        returns.MapGet("/{id:guid}/packing-list", PackingList.Handle).WithName("GetOldPartPackingList")
            .Produces(200, null, Settlements.ExportRun.CsvType, Settlements.ExportRun.XlsxType).ProducesValidationProblem().ProducesProblem(404);
        returns.MapPost("/{id:guid}/received", ReceiveReturn.Handle).WithName("ReceiveOldPartReturn").Produces<ReturnView>()
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);

        app.MapGet("/api/v1/mobile/old-parts", ReadOldParts.Mine).WithTags("Mobile").WithName("ListMyOldParts")
            .RequireAuthorization(Policies.TechnicianOnly).Produces<MobileOldParts>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
    }
}
