namespace Hld.Platform.Time;

/// <summary>
/// Development only: a clock that stands still until an operator moves it forward, so the
/// deadlines of paras 11 and 12 can be shown live. It never moves backwards.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <summary>Moves to <paramref name="to"/>; false (and no move) if that is in the past.</summary>
    public bool TryMoveTo(DateTimeOffset to)
    {
        lock (_gate)
        {
            if (to < _now)
            {
                return false;
            }

            _now = to;
            return true;
        }
    }
}
