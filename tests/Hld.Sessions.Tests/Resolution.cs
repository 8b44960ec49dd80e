using System.Collections.Immutable;
using Hld.Domain;
using Hld.Sessions.Dialogues;
using Hld.Sessions.Programmes;
using Hld.Sessions.Speakers;

namespace Hld.Sessions.Tests;

/// <summary>Test data: the 2013 Dialogue as resolution 67/219 sets it (the hosts read the same values from configuration).</summary>
internal static class Resolution
{
    public static readonly TimeSpan NewYork = TimeSpan.FromHours(-4);

    /// <summary>Day 1 is 3 October 2013, on the venue's clock.</summary>
    public static DateTimeOffset At(int day, int hour, int minute = 0) => new(2013, 10, 2 + day, hour, minute, 0, NewYork);

    public static ImmutableDictionary<string, string> Texts(string en, string zh) =>
        ImmutableDictionary<string, string>.Empty.Add("en", en).Add("zh", zh);

    public static Dialogue Hld2013 { get; } = new(
        "hld-2013",
        At(1, 10),
        At(2, 18),
        NewYork,
        Texts("United Nations Headquarters, New York", "纽约联合国总部"),
        68,
        new DateOnly(2013, 10, 1),
        Texts("Identifying concrete measures to strengthen coherence and cooperation at all levels", "确定增进各级一致性与合作的具体措施"));

    public static DialogueMandate Mandate { get; } = new(
        2,
        4,
        4,
        [
            new RoundTableSlot(1, 1, HalfDay.Morning, "3(b)(i)"),
            new RoundTableSlot(2, 1, HalfDay.Afternoon, "3(b)(i)"),
            new RoundTableSlot(3, 2, HalfDay.Morning, "3(b)(ii)"),
            new RoundTableSlot(4, 2, HalfDay.Afternoon, "3(b)(ii)"),
        ],
        2,
        2,
        4);

    public static PlenaryMeeting Plenary(int number, int day, int from, int to, int reservedMinutes = 0) =>
        new(number, At(day, from), At(day, to), TimeSpan.FromMinutes(reservedMinutes));

    public static RoundTable Table(int number, int day, int from, int to, int capacity = 3) =>
        new(number, Texts($"Theme of round table {number}", $"圆桌会议{number}的主题"), At(day, from), At(day, to), capacity);

    public static Programme DefaultProgramme { get; } = new(
        [Plenary(1, 1, 10, 13, 30), Plenary(2, 1, 15, 18), Plenary(3, 2, 10, 13), Plenary(4, 2, 15, 18, 60)],
        [Table(1, 1, 10, 13), Table(2, 1, 15, 18), Table(3, 2, 10, 13), Table(4, 2, 15, 17)],
        TimeSpan.FromMinutes(5),
        1);

    public static Programme WithTable(RoundTable table) =>
        DefaultProgramme with { RoundTables = DefaultProgramme.RoundTables.RemoveAll(t => t.Number == table.Number).Add(table) };

    public static Delegation State(string id, RegionalGroup group = RegionalGroup.AfricanStates) =>
        new(id, ParticipantCategory.MemberState, group, Texts(id, id));

    public static Delegation Observer(string id, ParticipantCategory category) =>
        new(id, category, RegionalGroup.None, Texts(id, id));
}
