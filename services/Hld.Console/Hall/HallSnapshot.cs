using Hld.Contracts.Sessions.V1;

namespace Hld.Console.Hall;

/// <summary>
/// What the Hall display shows, as last read from the sessions API: the programme, every plenary
/// meeting's speakers list in speaking order, and the co-chairs. <see cref="Version"/> moves whenever
/// any of it changes, which is what the display's event stream announces.
/// </summary>
public sealed record HallSnapshot(
    long Version,
    Dialogue? Dialogue,
    Programme? Programme,
    IReadOnlyDictionary<int, IReadOnlyList<SpeakerPosition>> Speakers,
    IReadOnlyList<CoChair> CoChairs,
    DateTimeOffset Now,
    DateTimeOffset ReadAt,
    bool Stale)
{
    public static readonly HallSnapshot Empty = new(0, null, null, new Dictionary<int, IReadOnlyList<SpeakerPosition>>(), [], DateTimeOffset.MinValue, DateTimeOffset.MinValue, true);
}
