using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.Photos;

/// <summary>The station with its photos in S3-compatible storage: a fresh s3rver on loopback per test class.</summary>
public sealed class S3StationFixture : ApiFactory
{
    private readonly Lazy<S3Server> _server = new(() => new S3Server());

    public TestData Data { get; }
    public S3StationFixture() => Data = new TestData(this);

    /// <summary>Started on first use, so that a skipped class starts nothing.</summary>
    public S3Server S3 => _server.Value;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["RepairDispatch:Photos:Store"] = "S3",
        ["RepairDispatch:Photos:S3:ServiceUrl"] = S3.ServiceUrl,
        ["RepairDispatch:Photos:S3:Bucket"] = S3Server.Bucket,
        ["RepairDispatch:Photos:S3:AccessKey"] = S3Server.AccessKey,
        ["RepairDispatch:Photos:S3:SecretKey"] = S3Server.SecretKey,
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_server.IsValueCreated) _server.Value.Dispose();
    }
}
