using System.Security.Cryptography;

namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// xoshiro256** seeded through SplitMix64. Written out rather than taken from <see cref="Random"/>: its algorithm is
/// not part of .NET's contract and takes only an int seed, while a stored map records a 64-bit seed that must give
/// the same clustering on any later runtime.
/// </summary>
internal sealed class SeededRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public SeededRandom(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>A seed for runs that were given none: never 0, which the options reserve for "pick one".</summary>
    public static ulong PickSeed()
    {
        ulong seed;
        do
        {
            seed = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
        }
        while (seed == 0);

        return seed;
    }

    /// <summary>An independent stream for a numbered sub-task (an initialisation, a candidate k), so sub-tasks do not shift each other's draws.</summary>
    public static SeededRandom For(ulong seed, ulong stream)
    {
        var x = seed ^ (0x9E3779B97F4A7C15UL * (stream + 1));
        return new SeededRandom(SplitMix(ref x));
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, bound) without modulo bias (Lemire's multiply-shift with rejection).</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        var range = (ulong)bound;
        while (true)
        {
            var product = Math.BigMul(NextUInt64(), range, out var low);
            if (low >= (0UL - range) % range)
            {
                return (int)product;
            }
        }
    }

    /// <summary><paramref name="count"/> distinct indices below <paramref name="population"/> (partial Fisher–Yates), in draw order.</summary>
    public int[] Sample(int population, int count)
    {
        var indices = new int[population];
        for (var i = 0; i < population; i++)
        {
            indices[i] = i;
        }

        count = Math.Min(count, population);
        for (var i = 0; i < count; i++)
        {
            var j = i + NextInt(population - i);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }

        return indices[..count];
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
