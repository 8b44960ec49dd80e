using Hld.Platform.Hosting;
using Hld.Platform.Rest;
using Hld.Registry.Api.Grpc;
using Hld.Registry.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("hld-registry");
builder.AddRestApi("HLD registry");
builder.AddRegistry();

var app = builder.Build();
app.MapServiceDefaults();
app.MapGrpcService<RegistryGrpcService>();
app.MapRestApi();
app.Run();
