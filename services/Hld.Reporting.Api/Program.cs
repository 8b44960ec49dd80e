using Hld.Contracts.Events.V1;
using Hld.Platform.Events;
using Hld.Platform.Hosting;
using Hld.Reporting.Api.Grpc;
using Hld.Reporting.Api.Handlers;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("hld-reporting");
builder.Services.AddEventHandler<ParticipantRegistered, ParticipantRegisteredHandler>();

var app = builder.Build();
app.MapServiceDefaults();
app.MapGrpcService<ReportingGrpcService>();
app.Run();
