using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Polly;
using Polly.Retry;
using Polly.Simmy;
using Polly.Timeout;

namespace RepairDispatch.Api.Photos;

/// <summary>`RepairDispatch:Photos:S3`: where the S3-compatible object store is and who we are to it.</summary>
public sealed class S3BlobStoreOptions
{
    /// <summary>An S3-compatible server (`http://minio.internal:9000`); empty for Amazon S3 itself, found by <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }
    public string Bucket { get; set; } = "";
    public string Region { get; set; } = "us-east-1";
    /// <summary>With <see cref="SecretKey"/>; both empty: the SDK's own chain (AWS_ACCESS_KEY_ID…, an instance role). Never in a file of the repository.</summary>
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    /// <summary>`{url}/{bucket}/{key}`: what S3-compatible servers understand without DNS per bucket.</summary>
    public bool ForcePathStyle { get; set; } = true;
    /// <summary>One attempt's limit; an 8 MB photo over a slow link needs more than a small request.</summary>
    public int AttemptTimeoutSeconds { get; set; } = 60;
}

/// <summary>
/// Blobs as objects `{bucket}/{sha256}` in S3-compatible storage (AWSSDK.S3). Writes are plain single PUTs with a signed
/// payload hash (no aws-chunked framing or trailing checksums, which S3-compatible servers often lack; the signature
/// already makes the server check the bytes), streamed from the caller's file; reads stream the object's body.
/// Short transient faults (5xx, throttling, a dropped connection, an attempt past its time) are retried by one Polly
/// pipeline; the SDK's own retries are off so that there is one retrier, and a PUT is safe to repeat (same key, same bytes).
/// </summary>
public sealed class S3BlobStore : IBlobStore, IDisposable
{
    private readonly AmazonS3Client _s3;
    private readonly string _bucket;
    private readonly ResiliencePipeline _pipeline;
    private int _faultsToInject;

    public S3BlobStore(S3BlobStoreOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Bucket))
            throw new InvalidOperationException("RepairDispatch:Photos:S3:Bucket is required when RepairDispatch:Photos:Store is S3.");
        if (string.IsNullOrEmpty(options.AccessKey) != string.IsNullOrEmpty(options.SecretKey))
            throw new InvalidOperationException("RepairDispatch:Photos:S3:AccessKey and SecretKey go together.");
        _bucket = options.Bucket;
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            MaxErrorRetry = 0,
            Timeout = TimeSpan.FromSeconds(options.AttemptTimeoutSeconds + 5), // the pipeline's limit comes first
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (string.IsNullOrWhiteSpace(options.ServiceUrl)) config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        else (config.ServiceURL, config.AuthenticationRegion) = (options.ServiceUrl, options.Region);
        _s3 = string.IsNullOrEmpty(options.AccessKey) ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
        _pipeline = Pipeline(TimeSpan.FromSeconds(options.AttemptTimeoutSeconds), () =>
            Volatile.Read(ref _faultsToInject) > 0 && Interlocked.Decrement(ref _faultsToInject) >= 0);
    }

    /// <summary>Tests only: the next <paramref name="count"/> attempts fail as if the server answered 503 SlowDown.</summary>
    public void InjectTransientFaults(int count) => Interlocked.Exchange(ref _faultsToInject, count);

    public async Task PutAsync(string sha256, Stream content, CancellationToken ct = default)
    {
        if (await ExistsAsync(sha256, ct)) return;
        await _pipeline.ExecuteAsync(async token => await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket, Key = sha256, InputStream = content, AutoCloseStream = false, AutoResetStreamPosition = true,
            UseChunkEncoding = false, ContentType = "application/octet-stream",
        }, token), ct);
    }

    public async Task<Stream?> OpenReadAsync(string sha256, CancellationToken ct = default)
    {
        var key = BlobName.Checked(sha256);
        try
        {
            var response = await _pipeline.ExecuteAsync(async token => await _s3.GetObjectAsync(_bucket, key, token), ct);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string sha256, CancellationToken ct = default)
    {
        var key = BlobName.Checked(sha256);
        try
        {
            await _pipeline.ExecuteAsync(async token => await _s3.GetObjectMetadataAsync(_bucket, key, token), ct);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Deleting a missing object succeeds on S3, so a repeated delete is harmless.</summary>
    public Task DeleteAsync(string sha256, CancellationToken ct = default)
    {
        var key = BlobName.Checked(sha256);
        return _pipeline.ExecuteAsync(async token => { await _s3.DeleteObjectAsync(_bucket, key, token); }, ct).AsTask();
    }

    public void Dispose() => _s3.Dispose();

    private static ResiliencePipeline Pipeline(TimeSpan attemptTimeout, Func<bool> injectFault) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<AmazonServiceException>(IsTransient).Handle<HttpRequestException>()
                .Handle<IOException>().Handle<TimeoutRejectedException>(),
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
        })
        .AddTimeout(attemptTimeout)
        .AddChaosFault(new Polly.Simmy.Fault.ChaosFaultStrategyOptions
        {
            InjectionRateGenerator = _ => ValueTask.FromResult(injectFault() ? 1.0 : 0.0),
            FaultGenerator = new Polly.Simmy.Fault.FaultGenerator().AddException(() =>
                new AmazonS3Exception("Chaos: slow down (injected).") { StatusCode = HttpStatusCode.ServiceUnavailable, ErrorCode = "SlowDown" }),
        })
        .Build();

    /// <summary>Server faults and throttling; never 4xx answers such as a wrong key or a missing bucket.</summary>
    private static bool IsTransient(AmazonServiceException e) =>
        (int)e.StatusCode >= 500 || e.StatusCode == HttpStatusCode.TooManyRequests || e.ErrorCode is "SlowDown" or "RequestTimeout";
}
