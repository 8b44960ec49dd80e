using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Events.V1;
using Hld.Contracts.Hearings.V1;
using Hld.Contracts.Sessions.V1;
using Xunit;
using RegistryParticipant = Hld.Contracts.Registry.V1.Participant;

#pragma warning disable CS0612 // the deprecated fields are what these tests are about

namespace Hld.Functional.Tests;

/// <summary>
/// Decision 011: events that carry an entity embed the API's message and, for one release, still
/// write the flat fields it replaced. A consumer built before reads the flat fields of a new event;
/// a consumer built now reads an event stored before through Upgraded(). Both directions are checked
/// on every such event, and the deprecated fields are checked to be exactly the ones the embedded
/// message covers.
/// </summary>
public sealed class EventEmbeddingTests
{
    private static readonly Timestamp At = Timestamp.FromDateTimeOffset(new DateTimeOffset(2013, 10, 3, 14, 0, 0, TimeSpan.Zero));
    private static readonly LocalizedText Names = new() { Texts = { ["en"] = "France", ["fr"] = "France", ["zh"] = "法国" } };

    [Fact]
    public void A_registration_carries_the_participant_without_its_contacts_and_the_old_fields_beside_it()
    {
        var participant = new RegistryParticipant
        {
            ParticipantId = "ngo-1", Category = ParticipantCategory.EcosocNgo, Name = Names, CountryCode = "FRA",
            RegionalGroup = RegionalGroup.WesternEuropeanAndOtherStates, EcosocStatus = EcosocStatus.Special, Acronym = "N1",
            GlobalMigrationGroupMember = true, RegionalCommission = true, ContactEmail = "desk@ngo.example", Etag = "7", Website = "https://ngo.example",
        };

        var registered = ParticipantRegistered.Of(participant);

        Assert.Equal(string.Empty, registered.Participant.ContactEmail);
        Assert.Equal(string.Empty, registered.Participant.Etag);
        Assert.Equal("https://ngo.example", registered.Participant.Website);
        Assert.Equal("desk@ngo.example", participant.ContactEmail);
        Assert.Equal(
            (participant.Category, participant.Name, participant.CountryCode, participant.RegionalGroup, participant.EcosocStatus, true, true, "N1"),
            (registered.Category, registered.Name, registered.CountryCode, registered.RegionalGroup, registered.EcosocStatus, registered.GlobalMigrationGroupMember, registered.RegionalCommission, registered.Acronym));
        Assert.Same(registered, registered.Upgraded());
        AssertStoredBeforeReadsAsNew(registered, r => r.Participant = null, r => r.Upgraded().Participant, r => r.Participant, Except("website", "registered_at"));
    }

    [Fact]
    public void A_speaker_inscribed_carries_its_place_and_the_old_fields_beside_it()
    {
        var speaker = new SpeakerPosition
        {
            Position = 4, ParticipantId = "FRA", Name = Names, Category = ParticipantCategory.MemberState, RegionalGroup = RegionalGroup.WesternEuropeanAndOtherStates,
            Rank = SpeakerRank.MemberState, Level = LevelOfRepresentation.Minister, InscribedAt = At, Fits = true, Etag = "1",
        };
        var inscribed = new SpeakerInscribed { DialogueId = "hld-2013", MeetingNumber = 1, ParticipantId = "FRA", Speaker = speaker }.WithLegacyFields();

        Assert.Equal((PlenarySpeakerRank.MemberState, 4, LevelOfRepresentation.Minister), (inscribed.Rank, inscribed.Position, inscribed.Level));
        AssertStoredBeforeReadsAsNew(inscribed, e => e.Speaker = null, e => e.Upgraded().Speaker, e => e.Speaker, Except("etag", "starts_after", "tie_broken_by_participant_id", "explanation"));
    }

    [Fact]
    public void A_co_chair_appointed_carries_the_co_chair_and_the_old_fields_beside_it()
    {
        var chair = new CoChair { RoundTable = 2, ParticipantId = "MEX", RepresentativeName = "H.E. A", RegionalGroup = RegionalGroup.LatinAmericanAndCaribbeanStates, StateName = Names, AppointedAt = At };
        var appointed = new CoChairAppointed { DialogueId = "hld-2013", RoundTable = 2, ParticipantId = "MEX", CoChair = chair }.WithLegacyFields();

        Assert.Equal(RegionalGroup.LatinAmericanAndCaribbeanStates, appointed.RegionalGroup);
        AssertStoredBeforeReadsAsNew(appointed, e => e.CoChair = null, e => e.Upgraded().CoChair, e => e.CoChair, Except());
    }

    [Fact]
    public void A_round_table_seat_assigned_carries_the_seat_and_the_old_fields_beside_it()
    {
        var seat = new RoundTableParticipant { RoundTable = 3, ParticipantId = "ILO", Name = Names, Category = ParticipantCategory.UnSystemEntity, RegionalGroup = RegionalGroup.Unspecified, ListId = "para-7", AssignedAt = At };
        var assigned = new RoundTableParticipantAssigned { DialogueId = "hld-2013", RoundTable = 3, ParticipantId = "ILO", Participant = seat, SeatsTaken = 4, Capacity = 40 }.WithLegacyFields();

        Assert.Equal(("para-7", ParticipantCategory.UnSystemEntity), (assigned.ListId, assigned.Category));
        AssertStoredBeforeReadsAsNew(assigned, e => e.Participant = null, e => e.Upgraded().Participant, e => e.Participant, Except());
    }

    [Fact]
    public void Hearing_events_carry_the_api_messages_and_the_old_fields_beside_them()
    {
        var admitted = new ParticipantAdmitted
        {
            DialogueId = "hld-2013", ParticipantId = "ngo-a", RepresentativeCount = 1,
            Participant = new HearingParticipant { ParticipantId = "ngo-a", Category = ParticipantCategory.EcosocNgo, Group = HearingGroup.EcosocNgo, Name = Names, CountryCode = "FRA", RegionalGroup = RegionalGroup.WesternEuropeanAndOtherStates, AdmittedFrom = ListKind.EcosocNgos, Representatives = { "A. Person" }, AdmittedAt = At },
        }.WithLegacyFields();
        var segment = new HearingSegmentScheduled
        {
            DialogueId = "hld-2013", SegmentId = "s1",
            Segment = new Segment { SegmentId = "s1", Position = 2, Kind = SegmentKind.Panel, Title = Names, Moderators = { "M. One", "M. Two" }, SpeakingTimeLimit = Duration.FromTimeSpan(TimeSpan.FromMinutes(3)) },
        }.WithLegacyFields();
        var made = new InterventionMade
        {
            DialogueId = "hld-2013", InterventionId = "i1",
            Intervention = new Intervention { InterventionId = "i1", SegmentId = "s1", ParticipantId = "ngo-a", SpeakerName = "A. Person", Group = HearingGroup.EcosocNgo, RegionalGroup = RegionalGroup.AfricanStates, StartedAt = At, Duration = Duration.FromTimeSpan(TimeSpan.FromMinutes(4)), TimeAllowed = Duration.FromTimeSpan(TimeSpan.FromMinutes(3)), OverTime = true },
        }.WithLegacyFields();

        Assert.Equal((ListKind.EcosocNgos, 2, true), (admitted.ListKind, segment.Position, made.OverTime));
        AssertStoredBeforeReadsAsNew(admitted, e => e.Participant = null, e => e.Upgraded().Participant, e => e.Participant, Except("representatives"));
        AssertStoredBeforeReadsAsNew(segment, e => e.Segment = null, e => e.Upgraded().Segment, e => e.Segment, Except("speakers"));
        AssertStoredBeforeReadsAsNew(made, e => e.Intervention = null, e => e.Upgraded().Intervention, e => e.Intervention, Except());
    }

    [Fact]
    public void Speakers_list_figures_and_withdrawals_read_one_rank_enum_old_or_new()
    {
        var figures = new SpeakersListFigures
        {
            MeetingNumber = 2, Speakers = 5, Fitting = 4, NotFitting = 1, HearingRepresentatives = 1, SpeakingTime = Duration.FromTimeSpan(TimeSpan.FromHours(3)),
            Needed = Duration.FromTimeSpan(TimeSpan.FromMinutes(25)), SpeakerTimeLimit = Duration.FromTimeSpan(TimeSpan.FromMinutes(5)),
            ByRank = { new SpeakerRankFigures { Rank = SpeakerRank.MemberState, Speakers = 4, Fitting = 4 }, new SpeakerRankFigures { Rank = SpeakerRank.HearingRepresentative, Speakers = 1 } },
        };
        var changed = new SpeakersListFiguresChanged { DialogueId = "hld-2013", MeetingNumber = 2, Figures = figures }.WithLegacyFields();
        var withdrawn = new SpeakerInscriptionWithdrawn { SpeakerRank = SpeakerRank.EuropeanUnion }.WithLegacyFields();
        var oldWithdrawn = new SpeakerInscriptionWithdrawn { Rank = PlenarySpeakerRank.OtherObserver };

        Assert.Equal([PlenarySpeakerRank.MemberState, PlenarySpeakerRank.HearingRepresentative], changed.ByRank.Select(r => r.Rank));
        AssertStoredBeforeReadsAsNew(changed, e => e.Figures = null, e => e.Upgraded().Figures, e => e.Figures, Except());
        Assert.Equal(PlenarySpeakerRank.EuropeanUnion, withdrawn.Rank);
        Assert.Equal(SpeakerRank.OtherObserver, oldWithdrawn.Upgraded().SpeakerRank);
        Assert.Equal(PlenarySpeakerRank.OtherObserver, oldWithdrawn.Rank);
    }

    [Fact]
    public void Every_deprecated_event_field_is_written_by_the_compatibility_code()
    {
        // A field deprecated in an event but not in the list below has no code that fills it, and
        // consumers built before would read it empty.
        var covered = new HashSet<string>(StringComparer.Ordinal)
        {
            "ParticipantRegistered", "SpeakerInscribed", "SpeakerInscriptionWithdrawn", "SpeakersListFiguresChanged",
            "CoChairAppointed", "RoundTableParticipantAssigned", "ParticipantAdmitted", "HearingSegmentScheduled", "InterventionMade",
        };
        var withDeprecated = new[] { RegistryEventsReflection.Descriptor, SessionsEventsReflection.Descriptor, HearingsEventsReflection.Descriptor, ReportingEventsReflection.Descriptor }
            .SelectMany(f => f.MessageTypes.SelectMany(Nested))
            .Where(m => m.Fields.InDeclarationOrder().Any(f => f.GetOptions()?.Deprecated == true))
            .Select(m => m.Name);
        Assert.Equal(covered.Order(StringComparer.Ordinal), withDeprecated.Order(StringComparer.Ordinal));
    }

    private static IEnumerable<MessageDescriptor> Nested(MessageDescriptor message) => message.NestedTypes.SelectMany(Nested).Prepend(message);

    private static HashSet<string> Except(params string[] fields) => new(fields, StringComparer.Ordinal);

    /// <summary>
    /// Strips the embedded message as an event stored before decision 011 would lack it, upgrades it,
    /// and checks the message built from the flat fields equals the one embedded, field by field,
    /// except the fields the event never carried flat.
    /// </summary>
    private static void AssertStoredBeforeReadsAsNew<TEvent, TEntity>(TEvent current, Action<TEvent> strip, Func<TEvent, TEntity> upgraded, Func<TEvent, TEntity?> embedded, HashSet<string> neverFlat)
        where TEvent : IMessage<TEvent>, IDeepCloneable<TEvent>
        where TEntity : class, IMessage<TEntity>
    {
        var expected = embedded(current)!;
        var storedBefore = current.Clone();
        strip(storedBefore);
        Assert.Null(embedded(storedBefore));

        var read = upgraded(storedBefore);

        Assert.Null(embedded(storedBefore));
        foreach (var field in expected.Descriptor.Fields.InDeclarationOrder())
        {
            var want = neverFlat.Contains(field.Name) ? field.Accessor.GetValue(Empty(expected)) : field.Accessor.GetValue(expected);
            // Repeated fields compare element by element (RepeatedField.Equals).
            Assert.True(Equals(want, field.Accessor.GetValue(read)),
                $"{typeof(TEvent).Name}: {field.Name} read from the flat fields is '{field.Accessor.GetValue(read)}', embedded it is '{want}'");
        }
    }

    private static IMessage Empty(IMessage message) => (IMessage)Activator.CreateInstance(message.GetType())!;
}
