using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Statements;

/// <summary>
/// A statement upload, multipart (`file`, `manufacturerId`, `period`): read section by section, the file streamed to a
/// temporary file while it is hashed (SHA-256) and counted, never held in memory. Dispose deletes the temp file.
/// </summary>
public sealed class StatementUpload : IDisposable
{
    public const long MaxFileBytes = 64L * 1024 * 1024;
    public const long MaxBodyBytes = MaxFileBytes + 1024 * 1024;
    private const int MaxFieldChars = 100;
    private static readonly string[] StatementFields = ["manufacturerId", "period"];
    private readonly string[] _fields;

    private StatementUpload(string path, string[] fields) => (Path, _fields) = (path, fields);

    public string Path { get; }
    public string Sha256 { get; private set; } = "";
    public string? FileName { get; private set; }
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public string? Field(string name) => Values.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    public void Dispose() => File.Delete(Path);

    /// <param name="fields">The form fields kept beside the file (others are ignored); a statement's by default.</param>
    public static async Task<(StatementUpload? Upload, IResult? Refusal)> ReadAsync(HttpRequest request, string[]? fields = null)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
            return (null, Problems.Validation("file", Codes.Statement.Multipart));
        var upload = new StatementUpload(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rd-statement-" + Guid.NewGuid().ToString("N")),
            fields ?? StatementFields);
        var refusal = await upload.FillAsync(new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 8 * 1024 }, request.HttpContext.RequestAborted);
        if (refusal is null) return (upload, null);
        upload.Dispose();
        return (null, refusal);
    }

    private async Task<IResult?> FillAsync(MultipartReader reader, CancellationToken ct)
    {
        long size = -1;
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (name == "file")
                {
                    if (size >= 0) return Problems.Validation("file", Codes.Statement.OneFile);
                    FileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    if (FileName is { Length: > 200 }) FileName = FileName[..200];
                    (Sha256, size) = await HashedCopy.ToFileAsync(section.Body, Path, MaxFileBytes, ct);
                    if (size > MaxFileBytes) return Problems.Validation("file", Codes.Statement.TooLarge.With(MaxFileBytes / (1024 * 1024)));
                }
                else if (_fields.Contains(name))
                {
                    var value = await new StreamReader(section.Body).ReadToEndAsync(ct);
                    if (value.Length > MaxFieldChars) return Problems.Validation(name, Codes.Statement.FieldTooLong.With(MaxFieldChars));
                    Values[name] = value.Trim();
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return Problems.Validation("file", Codes.Statement.Multipart);
        }
        return size <= 0 ? Problems.Validation("file", Codes.Statement.FileRequired) : null;
    }
}
