using Hld.Platform.Hosting;
using Hld.Sessions.Api;
using Hld.Sessions.Api.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("hld-sessions");
builder.AddSessions();

var app = builder.Build();
app.MapServiceDefaults();
app.MapGrpcService<SessionsGrpcService>();
app.Run();
