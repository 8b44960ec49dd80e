using Hld.Platform.Hosting;
using Hld.Platform.Rest;
using Hld.Reporting.Api.EventStore;
using Hld.Reporting.Api.Grpc;
using Hld.Reporting.Api.Projections;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("hld-reporting");
builder.AddRestApi("HLD reporting");
ReportingEventStore.AddReportingEventStore(builder.Services);
builder.Services.AddSingleton<Projector>();
builder.Services.AddSingleton<Hld.Reporting.Api.ReportData.ReportReferenceData>();
builder.Services.AddSingleton(services => new Hld.Reporting.Report.ReportMarkdown(
    Hld.Domain.MessageCatalogue.For<Hld.Reporting.Report.ReportMarkdown>(), services.GetRequiredService<Hld.Modalities.DialogueDefinition>().Resolution.Number));
builder.Services.AddHostedService<ProjectorService>();

var app = builder.Build();
app.MapServiceDefaults();
app.MapGrpcService<ReportingGrpcService>();
app.MapRestApi();
app.Run();
