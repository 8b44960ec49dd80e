using Hld.Contracts.Events.V1;
using Hld.Platform.Events;
using Hld.Platform.Hosting;
using Hld.Sessions.Api.Grpc;
using Hld.Sessions.Api.Handlers;
using Hld.Sessions.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("hld-sessions");
builder.Services.AddOptions<DialogueOptions>().BindConfiguration("Sessions:Dialogue");
builder.Services.AddEventHandler<ParticipantRegistered, ParticipantRegisteredHandler>();

var app = builder.Build();
app.MapServiceDefaults();
app.MapGrpcService<SessionsGrpcService>();
app.Run();
