using Hld.Contracts.Events.V1;
using Hld.Hearings.Api.Grpc;
using Hld.Hearings.Api.Handlers;
using Hld.Platform.Events;
using Hld.Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("hld-hearings");
builder.Services.AddEventHandler<ParticipantRegistered, ParticipantRegisteredHandler>();

var app = builder.Build();
app.MapServiceDefaults();
app.MapGrpcService<HearingsGrpcService>();
app.Run();
