using Dapper;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Statements;

/// <summary>What preview and import share: the upload read, the manufacturer and its mapping found, the file's type by content.</summary>
public sealed record StatementSource(StatementUpload Upload, Guid ManufacturerId, StatementMapping? Mapping, StatementFormat? Format, Text? FileProblem, string? Sheet)
{
    private const string ManufacturerSql = "SELECT COUNT(*) FROM manufacturers WHERE id = @Id";

    public IEnumerable<SheetRow> Rows() => StatementFile.Rows(Upload.Path, Format!.Value, Sheet);

    /// <summary>The upload with its manufacturer, or the refusal; the caller disposes the upload (its temp file).</summary>
    public static async Task<(StatementSource? Source, IResult? Refusal)> OpenAsync(HttpRequest request, Db db)
    {
        var (upload, refusal) = await StatementUpload.ReadAsync(request);
        if (refusal is not null) return (null, refusal);
        if (!Guid.TryParse(upload!.Field("manufacturerId"), out var manufacturerId))
        {
            upload.Dispose();
            return (null, Problems.Validation("manufacturerId", Codes.Statement.ManufacturerRequired));
        }
        await using var c = await db.OpenAsync();
        if (await c.ExecuteScalarAsync<long>(ManufacturerSql, new { Id = manufacturerId }) == 0)
        {
            upload.Dispose();
            return (null, Problems.Validation("manufacturerId", Codes.Statement.ManufacturerRequired));
        }
        var mapping = (await MappingEndpoints.LoadAsync(c, null, manufacturerId))?.Mapping;
        var (format, problem) = StatementFile.Detect(upload.Path);
        string? sheet = null;
        if (format == StatementFormat.Xlsx)
        {
            var sheets = StatementFile.SheetNames(upload.Path);
            sheet = mapping?.Sheet ?? sheets[0];
            if (!sheets.Contains(sheet)) problem = Codes.Statement.SheetNotFound.With(sheet, sheets.ToList());
        }
        return (new StatementSource(upload, manufacturerId, mapping, format, problem, sheet), null);
    }
}
