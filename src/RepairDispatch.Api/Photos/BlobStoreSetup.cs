namespace RepairDispatch.Api.Photos;

public enum BlobStoreKind { Local, S3 }

/// <summary>`RepairDispatch:Photos`: which store holds the photos' bytes.</summary>
public sealed class PhotoStorageOptions
{
    /// <summary>`Local` (a folder: one node, or a shared volume) or `S3` (an S3-compatible object store, for several nodes).</summary>
    public BlobStoreKind Store { get; set; } = BlobStoreKind.Local;
    /// <summary>The local folder; default `blobs/` beside the SQLite file.</summary>
    public string? BlobRoot { get; set; }
    public S3BlobStoreOptions S3 { get; set; } = new();
}

public static class BlobStoreSetup
{
    public static IServiceCollection AddBlobStore(this IServiceCollection services, IConfiguration config, string connectionString, bool sqlite)
    {
        var options = config.GetSection("RepairDispatch:Photos").Get<PhotoStorageOptions>() ?? new PhotoStorageOptions();
        // A factory, so that the container disposes the store (the S3 client holds connections).
        return options.Store switch
        {
            BlobStoreKind.S3 => services.AddSingleton<IBlobStore>(_ => new S3BlobStore(options.S3)),
            _ => services.AddSingleton<IBlobStore>(_ => new LocalBlobStore(LocalBlobStore.DefaultRoot(options.BlobRoot, connectionString, sqlite))),
        };
    }
}
