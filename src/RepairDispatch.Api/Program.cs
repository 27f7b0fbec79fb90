using RepairDispatch.Api;
using RepairDispatch.Api.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddRepairDispatch();
var app = builder.Build();
app.UseRepairDispatch();
app.MapRepairDispatchApis();

var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : null; // options such as --urls follow the command
return await Commands.RunAsync(app, command);

public partial class Program;
