using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Clients;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Statements;

namespace RepairDispatch.Api.Sales;

public static class SalesApi
{
    public static void MapSales(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sales-orders").WithTags("Sales").RequireAuthorization(ClientScopes.Policy(ClientScopes.SalesWrite))
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        group.MapPost("/", RecordSale.Handle).WithName("RecordSale")
            .Produces<SaleResponse>(201).Produces<SaleResponse>().ProducesValidationProblem().ProducesProblem(409);
        group.MapPost("/{saleNumber}/returns", ReturnSale.Handle).WithName("ReturnSaleLines")
            .Produces<SaleReturnResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

        // Staff of a store without an integration, not a till: its own policy, outside the group's.
        app.MapPost("/api/v1/sales-orders/import", ImportSales.Handle).WithTags("Sales").WithName("ImportSales")
            .RequireAuthorization(Policies.Intake)
            .WithMetadata(new RequestSizeLimitAttribute(StatementUpload.MaxBodyBytes))
            .WithMetadata(new RequestBodyDescription(UploadBody))
            .Produces<SalesImportReport>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(413).ProducesProblem(429);
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
                    Type = JsonSchemaType.Object, Required = new HashSet<string> { "file" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", MaxLength = (int)StatementUpload.MaxFileBytes,
                            Description = "The day's sales, one row per line, as XLSX or CSV (UTF-8 or GBK), told apart by content; see docs/sales.md for the columns." },
                        ["storeId"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", MaxLength = 36,
                            Description = "The store, for a user of headquarters; a store's own staff may omit it." },
                    },
                },
            },
        },
    };
}
