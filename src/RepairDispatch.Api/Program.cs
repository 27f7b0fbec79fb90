using RepairDispatch.Api;
using RepairDispatch.Api.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddRepairDispatch();
var app = builder.Build();
app.UseRepairDispatch();
app.MapRepairDispatchApis();

var command = args.FirstOrDefault(a => !a.StartsWith('-'));
return await Commands.RunAsync(app, command);

public partial class Program;
