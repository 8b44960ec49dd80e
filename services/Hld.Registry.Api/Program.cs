using Hld.Platform.Hosting;
using Hld.Registry.Api.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("hld-registry");

var app = builder.Build();
app.MapServiceDefaults();
app.MapGrpcService<RegistryGrpcService>();
app.Run();
