namespace RepairDispatch.Tests.Infrastructure;

/// <summary>A second instance of the service on the same SQLite file: another node of a multi-node setup.</summary>
public sealed class SecondHost(string databasePath) : ApiFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var s = base.Settings;
            s["ConnectionStrings:RepairDispatch"] = $"Data Source={databasePath}";
            return s;
        }
    }
}
