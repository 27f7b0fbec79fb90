using System.Net;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Operations;

public class SchemaVersionTests
{
    [Fact]
    public void AScriptNotAppliedIsPendingAndAnUnknownVersionMeansTheDatabaseIsNewer()
    {
        var behind = SchemaVersion.Compare(["1", "2"], ["1", "2", "3"]);
        var ahead = SchemaVersion.Compare(["1", "2", "3", "4"], ["1", "2", "3"]);
        var same = SchemaVersion.Compare(["1", "2", "3"], ["1", "2", "3"]);

        behind.Pending.Should().Equal("V0003");
        behind.Problem.Should().Contain("older").And.Contain("run `migrate`");
        ahead.Unknown.Should().Equal("V0004");
        ahead.Problem.Should().Contain("newer").And.Contain("V0004");
        same.UpToDate.Should().BeTrue();
        same.Problem.Should().BeNull();
    }
}

/// <summary>What an operator sees: readiness that knows the schema, a consistent online backup, hardened answers.</summary>
public class OperationsTests(StationFixture api) : IClassFixture<StationFixture>
{
    [Fact]
    public async Task ReadinessFailsWithAClearReasonWhenTheDatabaseIsNewerThanTheBuild()
    {
        var client = api.CreateClient();
        (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        await using (var c = await api.Db.OpenAsync())
            await c.ExecuteAsync("""
                INSERT INTO schema_version (type, version, description, name, checksum, installed_by, success)
                VALUES (0, '9999', 'from the future', 'V9999__future.sql', '', 'test', 1)
                """);
        try
        {
            var ready = await client.GetAsync("/health/ready");
            ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            (await SchemaVersion.ReadAsync(api.Db)).Problem.Should().Contain("newer than this build").And.Contain("V9999");
            (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK, "the process itself is fine");
        }
        finally
        {
            await using var c = await api.Db.OpenAsync();
            await c.ExecuteAsync("DELETE FROM schema_version WHERE version = '9999'");
        }
    }

    [Fact]
    public async Task ABackupTakenWhileServingIsACompleteDatabaseAndNeverOverwrites()
    {
        var d = await api.Data.ReadyAsync();
        await d.NewWorkOrder();
        var file = Path.Combine(Path.GetTempPath(), "rd-backup-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            (await Backup.RunAsync(api.Db, file, NullLogger.Instance)).Should().Be(0);
            (await Backup.RunAsync(api.Db, file, NullLogger.Instance)).Should().Be(2, "an existing file is never overwritten");

            await using var copy = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
            await copy.OpenAsync();
            (await copy.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM work_orders")).Should().Be(await d.CountRows("work_orders"));
            (await copy.ExecuteScalarAsync<string>("PRAGMA integrity_check")).Should().Be("ok");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ApiAnswersCarrySecurityHeadersAndAreNotCached()
    {
        var d = await api.Data.ReadyAsync();

        var response = await d.Manager.GetAsync("/api/v1/me");

        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("default-src 'none'");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Fact]
    public async Task TheContainerHealthProbeFailsWhenNothingAnswers() =>
        (await HealthProbe.RunAsync("http://127.0.0.1:9/health/ready")).Should().Be(1);

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("021-5555", "021****5555")]
    [InlineData("12345", "*****")]
    public void PhoneNumbersAreMaskedInLogs(string phone, string masked) => Mask.Phone(phone).Should().Be(masked);
}
