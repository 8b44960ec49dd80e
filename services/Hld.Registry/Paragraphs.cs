using Hld.Domain;
using Hld.Registry.Lists;

namespace Hld.Registry;

/// <summary>Where in resolution 67/219 each kind of participant is invited, and which list admits it.</summary>
public static class Paragraphs
{
    /// <summary>States and observers take part through a delegation with a level of representation (paras 5-7).</summary>
    public static bool HasDelegation(ParticipantCategory category) => category is
        ParticipantCategory.MemberState or ParticipantCategory.ObserverState or ParticipantCategory.ObserverOrganization
        or ParticipantCategory.UnSystemEntity or ParticipantCategory.SpecialProcedure or ParticipantCategory.IgoStandingInvitation;

    /// <summary>The list of the PGA an organisation needs to be on to take part (paras 8, 9, 12); null for States and observers.</summary>
    public static ListKind? ListFor(ParticipantCategory category) => category switch
    {
        ParticipantCategory.OtherIgo => ListKind.OtherIgos,
        ParticipantCategory.EcosocNgo => ListKind.EcosocNgos,
        ParticipantCategory.OtherNgo or ParticipantCategory.CivilSocietyOrganization
            or ParticipantCategory.AcademicInstitution or ParticipantCategory.PrivateSectorEntity => ListKind.OtherStakeholders,
        _ => null,
    };

    /// <summary>The paragraph that governs a list.</summary>
    public static string Of(ListKind kind) => kind switch
    {
        ListKind.OtherIgos => "8",
        ListKind.EcosocNgos => "9",
        ListKind.OtherStakeholders => "12",
        _ => "4",
    };

    /// <summary>The paragraph under which a category takes part.</summary>
    public static string Of(ParticipantCategory category) => category switch
    {
        ParticipantCategory.MemberState => "5",
        ParticipantCategory.ObserverState or ParticipantCategory.ObserverOrganization => "6",
        ParticipantCategory.UnSystemEntity or ParticipantCategory.SpecialProcedure or ParticipantCategory.IgoStandingInvitation => "7",
        _ => ListFor(category) is { } kind ? Of(kind) : "4",
    };
}
