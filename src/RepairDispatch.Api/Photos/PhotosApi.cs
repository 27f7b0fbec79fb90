using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Photos;

/// <summary>Evidence photos: uploaded from the phone (own jobs) or at the desk, listed and viewed by those who may see the order.</summary>
public static class PhotosApi
{
    public static readonly string[] ImageTypes = ["image/jpeg", "image/png", "image/webp"];

    public static void MapPhotos(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/mobile/jobs/{id:guid}/photos", UploadPhoto.FromPhone).WithTags("Mobile").WithName("UploadJobPhoto")
            .RequireAuthorization(Policies.TechnicianOnly).DescribeUpload();
        app.MapPost("/api/v1/work-orders/{id:guid}/photos", UploadPhoto.AtDesk).WithTags("Work orders").WithName("UploadWorkOrderPhoto")
            .RequireAuthorization(Policies.Intake).DescribeUpload();
        app.MapGet("/api/v1/work-orders/{id:guid}/photos", ReadPhotos.List).WithTags("Work orders").WithName("ListWorkOrderPhotos")
            .RequireAuthorization().Produces<PhotoList>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429);
        app.MapGet("/api/v1/photos/{id:guid}/content", ReadPhotos.Content).WithTags("Work orders").WithName("GetPhotoContent")
            .RequireAuthorization().Produces(200, null, ImageTypes[0], ImageTypes[1..]).ProducesValidationProblem()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429);
    }

    /// <summary>The multipart form the upload handler reads as a stream.</summary>
    private static OpenApiRequestBody UploadBody() => new()
    {
        Required = true,
        Description = $"The photo (JPEG, PNG or WebP by content, at most {UploadPhoto.MaxFileBytes / (1024 * 1024)} MB) and what it shows.",
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["multipart/form-data"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "file", "kind" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", MaxLength = (int)UploadPhoto.MaxFileBytes },
                        ["kind"] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.String,
                            Enum = [.. Enum.GetNames<PhotoKind>().Select(n => (JsonNode)JsonValue.Create(n)!)],
                        },
                        ["takenAt"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", MaxLength = 40, Description = "Else EXIF DateTimeOriginal in the store's zone." },
                        ["lat"] = new OpenApiSchema { Type = JsonSchemaType.Number, Minimum = "-90", Maximum = "90", Description = "With lon; else EXIF GPS." },
                        ["lon"] = new OpenApiSchema { Type = JsonSchemaType.Number, Minimum = "-180", Maximum = "180", Description = "With lat; else EXIF GPS." },
                    },
                },
                Encoding = new Dictionary<string, OpenApiEncoding> { ["file"] = new() { ContentType = string.Join(", ", ImageTypes) } },
            },
        },
    };

    private static RouteHandlerBuilder DescribeUpload(this RouteHandlerBuilder route) => route
        .WithMetadata(new RequestSizeLimitAttribute(UploadPhoto.MaxBodyBytes))
        .WithMetadata(new RequestBodyDescription(UploadBody))
        .Produces<PhotoResponse>(200).Produces<PhotoResponse>(201).ProducesValidationProblem()
        .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(429);
}
