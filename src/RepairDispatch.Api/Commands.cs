using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using RepairDispatch.Api.Demo;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Users;

namespace RepairDispatch.Api;

/// <summary>
/// `dotnet run` serves; `migrate [--dry-run]`, `backup FILE` and `seed-demo` do one job and exit. A node migrates at
/// start only where `RepairDispatch:Database:MigrateOnStart` says so (default: embedded SQLite yes, SQL Server no —
/// run `migrate` once per release), and refuses to start on a schema older or newer than it expects.
/// </summary>
public static class Commands
{
    public const int WrongSchema = 3;

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : null; // options such as --urls follow the command
        var db = app.Services.GetRequiredService<Db>();
        var migrator = app.Services.GetRequiredService<Migrator>();
        switch (command)
        {
            case null:
                if (app.Configuration.GetValue("RepairDispatch:Database:MigrateOnStart", db.IsSqlite)) await migrator.MigrateAsync();
                if ((await SchemaVersion.ReadAsync(db)).Problem is { } wrong)
                {
                    app.Logger.LogCritical("Refusing to start: {SchemaProblem}", wrong);
                    return WrongSchema;
                }
                await Bootstrap.RunAsync(app.Services);
                await Kpis.KpiSwitch.ApplyAsync(app.Services);
                JobsSetup.ScheduleRecurringJobs(app.Services);
                await app.RunAsync();
                return 0;
            case "migrate" when args.Contains("--dry-run"):
                var state = await SchemaVersion.ReadAsync(db);
                Console.WriteLine(state.Problem ?? $"Up to date at {state.CodeVersion}: nothing to apply.");
                foreach (var pending in state.Pending) Console.WriteLine($"pending: {pending}");
                return state.Unknown.Count > 0 ? WrongSchema : 0;
            case "migrate":
                await migrator.MigrateAsync();
                return 0;
            case "backup" when args.Length == 2:
                return await Backup.RunAsync(db, args[1], app.Logger);
            case "seed-demo":
                await migrator.MigrateAsync();
                await Bootstrap.RunAsync(app.Services);
                app.Urls.Add("http://127.0.0.1:0"); // a private loopback port: the demo goes through the real HTTP API
                await app.StartAsync();
                var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
                var seeded = await app.Services.GetRequiredService<DemoData>().SeedAsync(address, app.Configuration["RepairDispatch:Bootstrap:AdminPassword"]);
                await app.StopAsync();
                return seeded ? 0 : 1;
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{command}'. Commands: migrate [--dry-run], backup FILE, seed-demo (none: run the service).");
                return 2;
        }
    }
}
