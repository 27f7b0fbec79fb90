using System.Diagnostics;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace RepairDispatch.Tests.Photos;

/// <summary>
/// s3rver (an S3-compatible server on Node.js, from npm: `tests/s3-server`, installed by .ci/run with `npm ci`) started on
/// loopback on a port it picks itself, with one bucket, for the tests of the S3 photo store; stopped with its data at the end.
/// </summary>
public sealed partial class S3Server : IDisposable
{
    public const string Variable = "REPAIRDISPATCH_S3RVER";
    public const string Bucket = "photos";
    public const string AccessKey = "S3RVER"; // s3rver's built-in test account
    public const string SecretKey = "S3RVER";

    private readonly Process _process;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rd-s3rver", Guid.NewGuid().ToString("N"));

    public string ServiceUrl { get; }

    /// <summary>The s3rver program: REPAIRDISPATCH_S3RVER, else `tests/s3-server/node_modules/.bin/s3rver` above the test binaries.</summary>
    public static string? Program
    {
        get
        {
            if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured) return File.Exists(configured) ? configured : null;
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "s3-server", "node_modules", ".bin", "s3rver");
                if (File.Exists(candidate)) return candidate;
            }
            return null;
        }
    }

    public static string Missing => $"no s3rver at tests/s3-server/node_modules/.bin (run `npm ci --prefix tests/s3-server`, as .ci/run does) nor in {Variable}";

    public S3Server()
    {
        var program = Program ?? throw new InvalidOperationException("S3 STORE TESTS CANNOT RUN: " + Missing);
        Directory.CreateDirectory(_dir);
        var start = new ProcessStartInfo(program)
        {
            ArgumentList = { "--directory", _dir, "--address", "127.0.0.1", "--port", "0", "--configure-bucket", Bucket },
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _process = Process.Start(start)!;
        void Read(DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            if (output.Count < 200) output.Enqueue(e.Data); // the request log after start is drained, not kept
            if (ListeningLine().Match(e.Data) is { Success: true } m) listening.TrySetResult(m.Groups[1].Value);
        }
        _process.OutputDataReceived += (_, e) => Read(e);
        _process.ErrorDataReceived += (_, e) => Read(e);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!listening.Task.Wait(TimeSpan.FromSeconds(30)))
        {
            Dispose();
            throw new InvalidOperationException("s3rver did not start: " + string.Join('\n', output));
        }
        ServiceUrl = "http://" + listening.Task.Result;
    }

    /// <summary>A client of our own, to look into the bucket behind the service's back.</summary>
    public AmazonS3Client Client() => new(new BasicAWSCredentials(AccessKey, SecretKey),
        new AmazonS3Config { ServiceURL = ServiceUrl, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    public async Task<IReadOnlyList<string>> KeysAsync()
    {
        using var client = Client();
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = Bucket };
        ListObjectsV2Response page;
        do
        {
            page = await client.ListObjectsV2Async(request);
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            request.ContinuationToken = page.NextContinuationToken;
        } while (page.IsTruncated == true);
        return keys;
    }

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [GeneratedRegex(@"listening on (127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}

/// <summary>
/// A fact on the S3 photo store. Without s3rver it is skipped loudly on a developer's machine; under CI=true it runs and
/// fails instead, so CI can never pass without having tested the S3 store.
/// </summary>
public sealed class S3FactAttribute : FactAttribute
{
    public S3FactAttribute()
    {
        if (S3Server.Program is null && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = "S3 STORE TESTS SKIPPED: " + S3Server.Missing + ".";
    }
}

public sealed class S3TheoryAttribute : TheoryAttribute
{
    public S3TheoryAttribute()
    {
        if (S3Server.Program is null && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = "S3 STORE TESTS SKIPPED: " + S3Server.Missing + ".";
    }
}
