using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Api.Statements;

/// <summary>Manufacturers' statements (结算单): the column mapping, preview, import and reconciliation. Finance, managers and admins only.</summary>
public static class StatementsApi
{
    public static void MapStatements(this IEndpointRouteBuilder app)
    {
        var mapping = app.MapGroup("/api/v1/manufacturers/{id:guid}/statement-mapping").WithTags("Statements").RequireAuthorization(Policies.Finance)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429);
        mapping.MapGet("/", MappingEndpoints.Get).WithName("GetStatementMapping").Produces<StatementMappingResponse>();
        mapping.MapPut("/", MappingEndpoints.Put).WithName("PutStatementMapping").Produces<StatementMappingResponse>()
            .ProducesValidationProblem().ProducesProblem(412).ProducesProblem(428);

        var statements = app.MapGroup("/api/v1/settlements/statements").WithTags("Statements").RequireAuthorization(Policies.Finance)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        statements.MapPost("/preview", PreviewStatement.Handle).WithName("PreviewStatement").DescribeUpload(withPeriod: false)
            .Produces<StatementPreview>();
        statements.MapPost("/", ImportStatement.Handle).WithName("ImportStatement").DescribeUpload(withPeriod: true)
            .Produces<StatementImported>(201).ProducesProblem(409);
        statements.MapGet("/", ListStatements.Handle).WithName("ListStatements").Produces<Page<StatementSummary>>().ProducesValidationProblem();
        statements.MapGet("/{id:guid}/reconciliation", ReconcileStatement.Handle).WithName("GetStatementReconciliation")
            .Produces<ReconciliationView>().ProducesValidationProblem().ProducesProblem(404);
        statements.MapPost("/{id:guid}/accept", AcceptStatement.Handle).WithName("AcceptStatement")
            .Produces<StatementAccepted>().ProducesProblem(404).ProducesProblem(409);
    }

    private static RouteHandlerBuilder DescribeUpload(this RouteHandlerBuilder route, bool withPeriod) => route
        .WithMetadata(new RequestSizeLimitAttribute(StatementUpload.MaxBodyBytes))
        .WithMetadata(new RequestBodyDescription(() => UploadBody(withPeriod)))
        .ProducesValidationProblem().ProducesProblem(413);

    private static OpenApiRequestBody UploadBody(bool withPeriod)
    {
        var properties = new Dictionary<string, IOpenApiSchema>
        {
            ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", MaxLength = (int)StatementUpload.MaxFileBytes, Description = "The statement as the portal exported it: XLSX or CSV (UTF-8 or GBK), told apart by content." },
            ["manufacturerId"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", MaxLength = 36 },
        };
        var required = new HashSet<string> { "file", "manufacturerId" };
        if (withPeriod)
        {
            properties["period"] = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9]{4}-[0-9]{2}$", MaxLength = 7, Description = "The month the statement settles, yyyy-MM." };
            required.Add("period");
        }
        return new OpenApiRequestBody
        {
            Required = true,
            Description = $"multipart/form-data; the file at most {StatementUpload.MaxFileBytes / (1024 * 1024)} MB.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Required = required, Properties = properties } },
            },
        };
    }
}
