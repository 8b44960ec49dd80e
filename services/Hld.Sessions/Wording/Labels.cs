using Hld.Domain;
using Hld.Sessions.Speakers;

namespace Hld.Sessions.Wording;

/// <summary>
/// The words of the speakers list's explanations, still in Chinese and English only; the documents'
/// words are in the catalogues of <see cref="SessionsWording"/> (decision 016). The resolution's own
/// texts (theme, round-table themes) are data, not here.
/// </summary>
public static class Labels
{
    public const string Chinese = "zh";
    public const string English = "en";

    public static IReadOnlyList<string> Languages { get; } = [Chinese, English];

    public static string Level(LevelOfRepresentation level, string language) => (level, language == Chinese) switch
    {
        (LevelOfRepresentation.HeadOfState, true) => "国家元首",
        (LevelOfRepresentation.HeadOfState, false) => "Head of State",
        (LevelOfRepresentation.VicePresidentOrCrownPrince, true) => "副总统或王储",
        (LevelOfRepresentation.VicePresidentOrCrownPrince, false) => "Vice-President or Crown Prince",
        (LevelOfRepresentation.HeadOfGovernment, true) => "政府首脑",
        (LevelOfRepresentation.HeadOfGovernment, false) => "Head of Government",
        (LevelOfRepresentation.DeputyPrimeMinister, true) => "副总理",
        (LevelOfRepresentation.DeputyPrimeMinister, false) => "Deputy Prime Minister",
        (LevelOfRepresentation.Minister, true) => "部长",
        (LevelOfRepresentation.Minister, false) => "Minister",
        (LevelOfRepresentation.ViceMinister, true) => "副部长",
        (LevelOfRepresentation.ViceMinister, false) => "Vice-Minister",
        (LevelOfRepresentation.PermanentRepresentative, true) => "常驻代表",
        (LevelOfRepresentation.PermanentRepresentative, false) => "Permanent Representative",
        (LevelOfRepresentation.Other, true) => "其他代表团团长",
        (LevelOfRepresentation.Other, false) => "other head of delegation",
        (_, true) => "级别未知",
        (_, false) => "level not yet known",
    };

    public static string Category(ParticipantCategory category, string language) => (category, language == Chinese) switch
    {
        (ParticipantCategory.MemberState, true) => "会员国",
        (ParticipantCategory.MemberState, false) => "Member State",
        (ParticipantCategory.ObserverState, true) => "观察员国",
        (ParticipantCategory.ObserverState, false) => "observer State",
        (ParticipantCategory.ObserverOrganization, true) => "欧洲联盟（观察员）",
        (ParticipantCategory.ObserverOrganization, false) => "the European Union (observer)",
        (ParticipantCategory.UnSystemEntity, true) => "联合国系统实体",
        (ParticipantCategory.UnSystemEntity, false) => "United Nations system entity",
        (ParticipantCategory.SpecialProcedure, true) => "特别报告员或代表",
        (ParticipantCategory.SpecialProcedure, false) => "special rapporteur or representative",
        (ParticipantCategory.IgoStandingInvitation, true) => "收到长期邀请的国际组织",
        (ParticipantCategory.IgoStandingInvitation, false) => "intergovernmental organisation with a standing invitation",
        (ParticipantCategory.OtherIgo, true) => "其他政府间组织",
        (ParticipantCategory.OtherIgo, false) => "other intergovernmental organisation",
        (ParticipantCategory.EcosocNgo, true) => "具有经社理事会咨商地位的非政府组织",
        (ParticipantCategory.EcosocNgo, false) => "NGO in consultative status with ECOSOC",
        (ParticipantCategory.OtherNgo, true) => "其他非政府组织",
        (ParticipantCategory.OtherNgo, false) => "other NGO",
        (ParticipantCategory.CivilSocietyOrganization, true) => "民间社会组织",
        (ParticipantCategory.CivilSocietyOrganization, false) => "civil-society organisation",
        (ParticipantCategory.AcademicInstitution, true) => "学术机构",
        (ParticipantCategory.AcademicInstitution, false) => "academic institution",
        (ParticipantCategory.PrivateSectorEntity, true) => "私营部门实体",
        (ParticipantCategory.PrivateSectorEntity, false) => "private-sector entity",
        (_, true) => "类别未知",
        (_, false) => "unknown category",
    };

    public static string HearingGroupName(HearingGroup group, string language) => (group, language == Chinese) switch
    {
        (HearingGroup.EcosocNgo, true) => "具有经社理事会咨商地位的非政府组织",
        (HearingGroup.EcosocNgo, false) => "NGOs in consultative status with ECOSOC",
        (HearingGroup.CivilSociety, true) => "民间社会组织",
        (HearingGroup.CivilSociety, false) => "civil-society organisations",
        (HearingGroup.PrivateSector, true) => "私营部门",
        (HearingGroup.PrivateSector, false) => "the private sector",
        (_, true) => "未知组别",
        (_, false) => "an unknown group",
    };

    /// <summary>A text in <paramref name="language"/>, else English, else any language given, else empty.</summary>
    public static string Pick(IReadOnlyDictionary<string, string> texts, string language) =>
        texts.TryGetValue(language, out var text) ? text
        : texts.TryGetValue(English, out var english) ? english
        : texts.Values.FirstOrDefault() ?? string.Empty;
}
