using RepairDispatch.Api;
using RepairDispatch.Api.Infrastructure;

if (args is ["healthcheck", var probe]) return await HealthProbe.RunAsync(probe);

var builder = WebApplication.CreateBuilder(args);
builder.AddRepairDispatch();
var app = builder.Build();
app.UseRepairDispatch();
app.MapRepairDispatchApis();

return await Commands.RunAsync(app, args);

public partial class Program;
