using Dapper;
using Microsoft.Extensions.DependencyInjection;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Tests.Infrastructure;

public class MigrationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task MigratingAgainAppliesNothingAndKeepsTheJournal()
    {
        _ = api.CreateClient(); // starts the service, which migrates
        await using var c = await api.Db.OpenAsync();
        var before = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_version");

        await api.Services.GetRequiredService<Migrator>().MigrateAsync();

        (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_version")).Should().Be(before);
        (await c.ExecuteScalarAsync<string>("PRAGMA journal_mode")).Should().Be("wal");
        (await c.ExecuteScalarAsync<long>("PRAGMA foreign_keys")).Should().Be(1);
    }

    [Fact]
    public async Task ForeignKeysAndChecksAreEnforcedByTheDatabase()
    {
        _ = api.CreateClient();
        await using var c = await api.Db.OpenAsync();

        var orphan = () => c.ExecuteAsync("INSERT INTO appliances (id, customer_id, category, manufacturer_id, model, created_at) VALUES ('x', 'no-customer', 'Tv', 'no-maker', 'M', '2026-01-01')");
        var badCategory = () => c.ExecuteAsync("INSERT INTO technician_skills (technician_id, category) VALUES ('t', 'Spaceship')");

        await orphan.Should().ThrowAsync<Microsoft.Data.Sqlite.SqliteException>();
        await badCategory.Should().ThrowAsync<Microsoft.Data.Sqlite.SqliteException>();
    }

    [Fact]
    public async Task ReadinessSaysTheDatabaseIsMigrated()
    {
        var response = await api.CreateClient().GetAsync("/health/ready");

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }
}
