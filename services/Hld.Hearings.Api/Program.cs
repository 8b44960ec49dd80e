using Hld.Hearings.Api;
using Hld.Hearings.Api.Grpc;
using Hld.Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("hld-hearings");
builder.AddHearings();

var app = builder.Build();
app.MapServiceDefaults();
app.MapGrpcService<HearingsGrpcService>();
app.Run();
