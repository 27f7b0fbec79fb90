namespace RepairDispatch.Api.Demo;

public sealed class DemoData
{
    public Task SeedAsync() => Task.CompletedTask;
}
