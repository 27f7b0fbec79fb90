using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Mobile;

/// <summary>The customer's signature on completion: a small PNG or JPEG, checked by its leading bytes, stored once.</summary>
public static class Signatures
{
    public const int MaxBytes = 32 * 1024;
    public const int MaxBase64Chars = (MaxBytes + 2) / 3 * 4;

    private const string InsertSql = """
        INSERT INTO work_order_signatures (work_order_id, content_type, data, created_at) VALUES (@WorkOrderId, @ContentType, @Data, @CreatedAt)
        """;

    public static IResult? TryDecode(string? base64, out (string ContentType, byte[] Data)? image)
    {
        image = null;
        if (base64 is null) return null;
        var data = new byte[MaxBytes];
        if (!Convert.TryFromBase64String(base64, data, out var length))
            return Problems.Validation("customerSignature", Codes.Refusal.SignatureSize.With(MaxBytes / 1024));
        var bytes = data.AsSpan(0, length);
        string? type = bytes switch
        {
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
            [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
            _ => null,
        };
        if (type is null) return Problems.Validation("customerSignature", Codes.Refusal.SignatureType);
        image = (type, bytes.ToArray());
        return null;
    }

    public static Task StoreAsync(DbConnection c, DbTransaction tx, Guid workOrderId, (string ContentType, byte[] Data) image, DateTimeOffset now) =>
        c.ExecuteAsync(InsertSql, new { WorkOrderId = workOrderId, image.ContentType, image.Data, CreatedAt = now }, tx);
}
