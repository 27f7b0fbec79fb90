using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Clients;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Statements;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.ManufacturerOrders;

/// <summary>Manufacturer orders (厂家派单): a brand's integration (scope manufacturer-orders:write) or the desk sends them in and reads their status back.</summary>
public static class ManufacturerOrdersApi
{
    /// <summary>The desk's intake roles, or a machine client holding the manufacturer-orders scope.</summary>
    private static readonly AuthorizationPolicy DeskOrBrand = new AuthorizationPolicyBuilder().RequireAuthenticatedUser()
        .RequireAssertion(x => x.User.IsInRole(Roles.Admin) || x.User.IsInRole(Roles.Manager) || x.User.IsInRole(Roles.FrontDesk)
            || (x.User.IsInRole(ClientScopes.Role) && x.User.HasClaim(ClientScopes.Claim, ClientScopes.ManufacturerOrdersWrite)))
        .Build();

    public static void MapManufacturerOrders(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/v1/manufacturer-orders").WithTags("Manufacturer orders").RequireAuthorization(DeskOrBrand)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        orders.MapPost("/", CreateManufacturerOrder.Handle).WithName("CreateManufacturerOrder")
            .Produces<WorkOrderResponse>(201).Produces<WorkOrderResponse>().ProducesValidationProblem();
        orders.MapPost("/import", ImportManufacturerOrders.Handle).WithName("ImportManufacturerOrders")
            .WithMetadata(new RequestSizeLimitAttribute(StatementUpload.MaxBodyBytes))
            .WithMetadata(new RequestBodyDescription(UploadBody))
            .Produces<OrderImportReport>().ProducesValidationProblem().ProducesProblem(413);
        orders.MapGet("/status-export", StatusExport.Handle).WithName("ExportManufacturerOrderStatus")
            .Produces(200, null, Settlements.ExportRun.CsvType, Settlements.ExportRun.XlsxType).ProducesValidationProblem();

        var mapping = app.MapGroup("/api/v1/manufacturers/{id:guid}/order-mapping").WithTags("Manufacturer orders")
            .RequireAuthorization(Policies.Dispatch).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429);
        mapping.MapGet("/", OrderMappingEndpoints.Get).WithName("GetManufacturerOrderMapping").Produces<OrderMappingResponse>();
        mapping.MapPut("/", OrderMappingEndpoints.Put).WithName("PutManufacturerOrderMapping").Produces<OrderMappingResponse>()
            .ProducesValidationProblem().ProducesProblem(412).ProducesProblem(428);
    }

    private static OpenApiRequestBody UploadBody() => new()
    {
        Required = true,
        Description = $"multipart/form-data; the file at most {StatementUpload.MaxFileBytes / (1024 * 1024)} MB.",
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["multipart/form-data"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object, Required = new HashSet<string> { "file", "manufacturerId" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", MaxLength = (int)StatementUpload.MaxFileBytes, Description = "The portal's order file: XLSX or CSV (UTF-8 or GB18030), told apart by content." },
                        ["manufacturerId"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", MaxLength = 36 },
                    },
                },
            },
        },
    };
}
