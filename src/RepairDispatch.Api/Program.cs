using RepairDispatch.Api;
using RepairDispatch.Api.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddRepairDispatch();
var app = builder.Build();
app.UseRepairDispatch();
app.MapRepairDispatchApis();

return await Commands.RunAsync(app, args);

public partial class Program;
