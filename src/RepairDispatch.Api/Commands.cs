using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using RepairDispatch.Api.Demo;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Users;

namespace RepairDispatch.Api;

/// <summary>`dotnet run` serves; `dotnet run -- migrate` and `dotnet run -- seed-demo` do one job and exit.</summary>
public static class Commands
{
    public static async Task<int> RunAsync(WebApplication app, string? command)
    {
        var migrator = app.Services.GetRequiredService<Migrator>();
        await migrator.MigrateAsync();
        switch (command)
        {
            case null:
                await Bootstrap.RunAsync(app.Services);
                JobsSetup.ScheduleRecurringJobs(app.Services);
                await app.RunAsync();
                return 0;
            case "migrate":
                return 0;
            case "seed-demo":
                await Bootstrap.RunAsync(app.Services);
                app.Urls.Add("http://127.0.0.1:0"); // a private loopback port: the demo goes through the real HTTP API
                await app.StartAsync();
                var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
                var seeded = await app.Services.GetRequiredService<DemoData>().SeedAsync(address, app.Configuration["RepairDispatch:Bootstrap:AdminPassword"]);
                await app.StopAsync();
                return seeded ? 0 : 1;
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{command}'. Commands: migrate, seed-demo (none: run the service).");
                return 2;
        }
    }
}
