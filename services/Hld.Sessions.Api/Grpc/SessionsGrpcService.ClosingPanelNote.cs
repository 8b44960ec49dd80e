using System.Collections.Immutable;
using Grpc.Core;
using Hld.Contracts.Sessions.V1;
using Hld.Domain;
using Hld.Platform.Api;
using Hld.Platform.Errors;
using Hld.Platform.Security;
using Hld.Platform.State;
using Hld.Sessions.Api.State;
using Hld.Sessions.CoChairs;
using Hld.Sessions.Notes;
using Note = Hld.Sessions.Notes.OrganisationOfWorkNote;
using Microsoft.AspNetCore.Authorization;
using Panels = Hld.Sessions.Panels;

namespace Hld.Sessions.Api.Grpc;

// Para 3(b)(iii) (closing summaries), para 14 (panel discussion), para 10 (note on the organisation of work).
public sealed partial class SessionsGrpcService
{
    [Authorize(Roles = $"{Roles.Secretariat},{Roles.PgaOffice}")]
    public override async Task<RecordRoundTableSummaryResponse> RecordRoundTableSummary(RecordRoundTableSummaryRequest request, ServerCallContext context)
    {
        new FieldChecks()
            .RequireNumber(request.RoundTable, state.Mandate.RoundTables, "round_table")
            .RequireId(request.PresentedBy, "presented_by")
            .RequireTexts(request.Text, "text", 20000)
            .ThrowIfAny();
        int? expected = request.Etag.Length > 0 ? checked((int)AggregateRepository.ParseEtag(request.Etag)) : null;
        var programme = (await state.ProgrammeAsync(context.CancellationToken)).Value;
        var table = programme.RoundTableNumbered(request.RoundTable)!;
        var now = state.Now;
        var (chairs, _) = await state.ChangeAsync(state.ChairsKey, RoundTableChairs.None, (current, _) =>
        {
            // Replacing a recorded summary names the one it replaces (AIP-154).
            if (current.SummaryOf(request.RoundTable)?.Revision != expected)
            {
                throw new ConcurrencyConflictException();
            }

            var next = current.RecordSummary(table, request.PresentedBy, ApiValues.Texts(request.Text), now).OrThrow();
            return new Change<RoundTableChairs>(next,
                [SessionsEvents.SummaryRecorded(state.Dialogue.Id, next.SummaryOf(request.RoundTable)!, programme.Closing.Number, next, programme.RoundTables.Count)]);
        }, context.CancellationToken);
        return new RecordRoundTableSummaryResponse { Slot = Mapping.ToContract(request.RoundTable, programme.Closing.Number, chairs) };
    }

    [Authorize(Policy = Policies.Participants)]
    public override async Task<GetClosingPlenaryResponse> GetClosingPlenary(GetClosingPlenaryRequest request, ServerCallContext context)
    {
        var programme = (await state.ProgrammeAsync(context.CancellationToken)).Value;
        var (chairs, _) = await state.LoadAsync(state.ChairsKey, RoundTableChairs.None, context.CancellationToken);
        var response = new GetClosingPlenaryResponse { MeetingNumber = programme.Closing.Number };
        response.Slots.AddRange(programme.RoundTables.OrderBy(r => r.Number).Select(r => Mapping.ToContract(r.Number, programme.Closing.Number, chairs)));
        return response;
    }

    [Authorize(Roles = $"{Roles.PgaOffice},{Roles.Secretariat}")]
    public override async Task<SchedulePanelDiscussionResponse> SchedulePanelDiscussion(SchedulePanelDiscussionRequest request, ServerCallContext context)
    {
        var date = ApiValues.Date(request.Date);
        new FieldChecks()
            .Require(date is not null, "date", "must be a valid date")
            .RequireTexts(request.Title, "title", 300)
            .ThrowIfAny();
        int? expected = request.Etag.Length > 0 ? checked((int)AggregateRepository.ParseEtag(request.Etag)) : null;
        var now = state.Now;
        var (panel, _) = await state.ChangeAsync<Panels.PanelDiscussion?>(state.PanelKey, null, (current, _) =>
        {
            if (current?.Revision != expected)
            {
                throw new ConcurrencyConflictException();
            }

            var next = Panels.PanelDiscussion.Schedule(state.Dialogue, current, date!.Value, ApiValues.Texts(request.Title), now).OrThrow();
            return new Change<Panels.PanelDiscussion?>(next, [SessionsEvents.PanelScheduled(state.Dialogue, next)]);
        }, context.CancellationToken);
        return new SchedulePanelDiscussionResponse { Panel = Mapping.ToContract(panel!, state.Dialogue) };
    }

    [Authorize(Policy = Policies.Participants)]
    public override async Task<GetPanelDiscussionResponse> GetPanelDiscussion(GetPanelDiscussionRequest request, ServerCallContext context)
    {
        var (panel, _) = await state.LoadAsync<Panels.PanelDiscussion?>(state.PanelKey, null, context.CancellationToken);
        return new GetPanelDiscussionResponse
        {
            Panel = Mapping.ToContract(panel ?? throw new NotFoundException("No panel discussion is scheduled yet.", "hld.sessions.v1.PanelDiscussion", state.Dialogue.Id), state.Dialogue),
        };
    }

    [Authorize(Roles = Roles.Secretariat)]
    public override async Task<GenerateOrganisationOfWorkNoteResponse> GenerateOrganisationOfWorkNote(GenerateOrganisationOfWorkNoteRequest request, ServerCallContext context)
    {
        var programme = await state.ProgrammeAsync(context.CancellationToken);
        var (chairs, _) = await state.LoadAsync(state.ChairsKey, RoundTableChairs.None, context.CancellationToken);
        var (panel, _) = await state.LoadAsync<Panels.PanelDiscussion?>(state.PanelKey, null, context.CancellationToken);
        var authority = new NoteAuthority(definition.Resolution.Number, definition.Reports.FirstOrDefault(r => r.Id == OrganisationOfWork)?.Paragraph);
        var sources = new NoteSources(state.Dialogue, state.Mandate, programme.Value, chairs, panel, authority);
        var now = state.Now;
        var (note, _) = await state.ChangeAsync<Note?>(state.NoteKey, null, (previous, _) =>
        {
            var next = Note.Generate(previous, sources, now, wording);
            return new Change<Note?>(next, [SessionsEvents.NoteGenerated(state.Dialogue.Id, next, programme.Version)]);
        }, context.CancellationToken);
        return new GenerateOrganisationOfWorkNoteResponse { Note = Mapping.ToContract(note!) };
    }

    [Authorize(Policy = Policies.Participants)]
    public override async Task<GetOrganisationOfWorkNoteResponse> GetOrganisationOfWorkNote(GetOrganisationOfWorkNoteRequest request, ServerCallContext context)
    {
        new FieldChecks().RequireLanguages(request.Languages, "languages").ThrowIfAny();
        var (note, _) = await state.LoadAsync<Note?>(state.NoteKey, null, context.CancellationToken);
        note = note ?? throw new NotFoundException("No note on the organisation of work has been generated yet.", "hld.sessions.v1.OrganisationOfWorkNote", state.Dialogue.Id);

        // A note generated before it was written in six languages has only zh and en: a language it lacks falls back to English.
        var languages = Fields.LanguagesOrAll(request.Languages).Select(l => note.Markdown.ContainsKey(l) ? l : DocumentLanguage.English).Distinct();
        return new GetOrganisationOfWorkNoteResponse
        {
            Note = Mapping.ToContract(note with { Markdown = languages.Where(note.Markdown.ContainsKey).ToImmutableDictionary(l => l, l => note.Markdown[l]) }),
        };
    }
}
