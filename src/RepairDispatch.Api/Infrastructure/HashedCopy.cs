using System.Security.Cryptography;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>An uploaded file streamed to a temp file and hashed on the way (photos, statements): never whole in memory.</summary>
public static class HashedCopy
{
    /// <summary>
    /// Copies at most one byte more than <paramref name="maxBytes"/> (so an oversized file is known without reading it
    /// all), hashing as it goes; the SHA-256 (lowercase hex) is empty when the file was too big.
    /// </summary>
    public static async Task<(string Sha256, long Size)> ToFileAsync(Stream body, string path, long maxBytes, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            size += read;
            if (size > maxBytes) return ("", size);
            sha.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        return (Convert.ToHexStringLower(sha.GetHashAndReset()), size);
    }
}
