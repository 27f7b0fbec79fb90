using Microsoft.AspNetCore.DataProtection;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>
/// The job dashboard's cookie and Hangfire's antiforgery tokens are sealed with ASP.NET Core Data Protection, whose key
/// ring is per process unless it is shared. Nodes behind one proxy share it through a folder
/// (RepairDispatch:DataProtection:KeyFolder, deploy/README.md); otherwise a cookie one node made is refused by the other.
/// </summary>
public static class DataProtectionSetup
{
    public static void AddSharedDataProtection(this IServiceCollection services, IConfiguration config)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName("RepairDispatch");
        if (config["RepairDispatch:DataProtection:KeyFolder"] is { Length: > 0 } folder)
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(folder));
    }
}
