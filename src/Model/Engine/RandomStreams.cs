using Simulation.Model.Randomness;
using Simulation.Model.Time;

namespace Simulation.Model.Engine;

/// <summary>
/// One actor's random streams: hands out the generator for (replicate, entity, month, stream, use)
/// and counts how often each stream was used this month, so each further request of the same
/// stream in a month gets a fresh, equally determined stream. Engine machinery, kept out of the
/// actors: the counters are inline for the entity an actor draws for first (its own area, all a
/// council or trust draws for), in a list made on first use for any other (the inspector draws for
/// every council); the generator is one per thread, re-keyed for every stream, since it carries no
/// state between uses and an actor's step runs to completion on one thread (MathNet's RandomSource
/// builds a 56-int seed table per instance). An actor exists per replicate and entity, hundreds of
/// thousands in a large run, so this stays small (docs/PERFORMANCE.md).
/// </summary>
public sealed class RandomStreams(ulong replicateKey)
{
    [ThreadStatic]
    private static CounterRandom? s_rng;

    private string? _mainEntity;
    private ulong _mainHash;
    private StreamCounts _mainUses;
    private List<(ulong Entity, RandomStream Stream, int Uses)>? _otherUses;

    /// <summary>Forgets the month's uses: streams start again each month.</summary>
    public void StartMonth()
    {
        _mainUses = default;
        // A month that drew for many entities (the inspector's first month can inspect every
        // council) leaves a large list behind: an actor exists per replicate, so let it go.
        if (_otherUses is { Capacity: > 16 }) _otherUses = null;
        else _otherUses?.Clear();
    }

    /// <summary>The generator for the next use of <paramref name="stream"/> about <paramref name="entity"/> in <paramref name="month"/>.</summary>
    public CounterRandom Next(string entity, RandomStream stream, Month month)
    {
        if (_mainEntity is null)
        {
            _mainEntity = entity;
            _mainHash = StableHash.Of(entity);
        }
        var hash = string.Equals(entity, _mainEntity, StringComparison.Ordinal) ? _mainHash : StableHash.Of(entity);
        int uses;
        if (hash == _mainHash && (int)stream is >= 0 and < StreamCounts.Length)
        {
            uses = _mainUses[(int)stream]++;
        }
        else
        {
            var list = _otherUses ??= [];
            var slot = -1;
            for (var i = 0; i < list.Count && slot < 0; i++)
            {
                if (list[i].Entity == hash && list[i].Stream == stream) slot = i;
            }
            uses = slot >= 0 ? list[slot].Uses : 0;
            if (slot >= 0) list[slot] = (hash, stream, uses + 1);
            else list.Add((hash, stream, 1));
        }
        var key = RandomKey.For(replicateKey, StableHash.Combine(hash, uses), month.Index, stream);
        return (s_rng ??= new CounterRandom()).Reset(key);
    }

    [System.Runtime.CompilerServices.InlineArray(Length)]
    private struct StreamCounts
    {
        public const int Length = 10;
        private int _first;
    }
}

/// <summary>
/// Working space shared by every actor that steps on a thread: a type an actor would otherwise hold
/// per replicate (and so keep last month's data alive for a month) is made once per thread.
/// Valid only within one step: the next actor on the thread reuses it.
/// </summary>
public static class PerThread
{
    public static T Get<T>() where T : class, new() => Holder<T>.Value ??= new T();

    private static class Holder<T>
    {
        [ThreadStatic]
        public static T? Value;
    }
}
