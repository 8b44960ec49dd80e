using Hld.Console;

var builder = WebApplication.CreateBuilder(args);
builder.AddConsole();

var app = builder.Build();
app.MapConsole();
app.Run();

/// <summary>The entry point, public for the host tests' WebApplicationFactory.</summary>
public partial class Program;
