using MathNet.Numerics.Random;

namespace Simulation.Model.Randomness;

/// <summary>
/// A counter-based generator: the n-th number of a stream is a pure function of (key, n). It is
/// re-keyed for every (replicate, entity, month, purpose), so one instance can be reused by a
/// grain without its history leaking into later draws. Derives from MathNet's
/// <see cref="RandomSource"/> so MathNet's distributions can sample from it.
/// </summary>
public sealed class CounterRandom : RandomSource
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong _key;
    private ulong _counter;

    public CounterRandom() : base(threadSafe: false)
    {
    }

    public CounterRandom(ulong key) : this() => Reset(key);

    /// <summary>Starts the stream identified by <paramref name="key"/> from its first number.</summary>
    public CounterRandom Reset(ulong key)
    {
        _key = key;
        _counter = 0;
        return this;
    }

    public ulong NextUInt64() => StableHash.Mix(_key + ++_counter * Golden);

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    protected override double DoSample() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    protected override int DoSampleInteger() => (int)(NextUInt64() >> 33);

    protected override void DoSampleBytes(byte[] buffer)
    {
        for (var i = 0; i < buffer.Length; i++) buffer[i] = (byte)(NextUInt64() >> 56);
    }

    protected override int DoSampleInt32WithNBits(int bitCount) => (int)(NextUInt64() >> (64 - bitCount));

    protected override long DoSampleInt64WithNBits(int bitCount) => (long)(NextUInt64() >> (64 - bitCount));
}
