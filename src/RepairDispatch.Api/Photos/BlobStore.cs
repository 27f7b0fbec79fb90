namespace RepairDispatch.Api.Photos;

/// <summary>
/// Content-addressed storage of photo bytes: a blob's name is the lowercase hex SHA-256 of its content, so storing the
/// same bytes twice keeps one copy. The local folder is the default; an object store can take its place.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores the content under its hash (which the caller computed); nothing happens when it is already there.</summary>
    Task PutAsync(string sha256, Stream content, CancellationToken ct = default);

    /// <summary>The content, or null when there is no such blob.</summary>
    Task<Stream?> OpenReadAsync(string sha256, CancellationToken ct = default);

    Task<bool> ExistsAsync(string sha256, CancellationToken ct = default);

    Task DeleteAsync(string sha256, CancellationToken ct = default);
}

/// <summary>Blobs as files `{root}/{ab}/{sha256}`: written to a temporary name in the same folder, then moved into place.</summary>
public sealed class LocalBlobStore(string root) : IBlobStore
{
    public string Root { get; } = Path.GetFullPath(root);

    public async Task PutAsync(string sha256, Stream content, CancellationToken ct = default)
    {
        var path = PathOf(sha256);
        if (File.Exists(path)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                await content.CopyToAsync(file, ct);
            try { File.Move(temp, path, overwrite: false); }
            catch (IOException) when (File.Exists(path)) { } // a concurrent put of the same bytes won
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public Task<Stream?> OpenReadAsync(string sha256, CancellationToken ct = default)
    {
        var path = PathOf(sha256);
        return Task.FromResult<Stream?>(File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null);
    }

    public Task<bool> ExistsAsync(string sha256, CancellationToken ct = default) => Task.FromResult(File.Exists(PathOf(sha256)));

    /// <summary>Deleting a missing blob does nothing (File.Delete would throw only when its folder is missing too).</summary>
    public Task DeleteAsync(string sha256, CancellationToken ct = default)
    {
        var path = PathOf(sha256);
        if (File.Exists(path)) File.Delete(path);
        return Task.CompletedTask;
    }

    /// <summary>The blob folder "next to the database": `data/blobs` beside a SQLite file, else the configured or default folder.</summary>
    public static string DefaultRoot(string? configured, string connectionString, bool sqlite)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        if (sqlite)
        {
            var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
            if (!string.IsNullOrEmpty(source) && source != ":memory:")
                return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(source)) ?? ".", "blobs");
        }
        return Path.Combine("data", "blobs");
    }

    private string PathOf(string sha256)
    {
        var name = BlobName.Checked(sha256);
        return Path.Combine(Root, name[..2], name);
    }
}

public static class BlobName
{
    /// <summary>The name itself when it is a lowercase hex SHA-256; nothing else ever reaches a path or an object key.</summary>
    public static string Checked(string sha256) => sha256.Length == 64 && sha256.All(char.IsAsciiHexDigitLower) ? sha256
        : throw new ArgumentException("A blob name is a lowercase hex SHA-256.", nameof(sha256));
}
