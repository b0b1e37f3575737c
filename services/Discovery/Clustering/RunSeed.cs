using System.Security.Cryptography;

namespace MultiCluster.Discovery.Clustering;

/// <summary>Seed 0 in options means "choose one": the run draws one and records it, so it can be repeated.</summary>
internal static class RunSeed
{
    public static ulong Resolve(ulong requested)
    {
        if (requested != 0)
        {
            return requested;
        }

        Span<byte> bytes = stackalloc byte[8];
        ulong drawn;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            drawn = BitConverter.ToUInt64(bytes);
        }
        while (drawn == 0);

        return drawn;
    }

    /// <summary>A <see cref="Random"/> fixed by the seed (the seeded algorithm is stable across .NET versions).</summary>
    public static Random CreateRandom(ulong seed, int stream) =>
        new(unchecked((int)(seed ^ (seed >> 32)) ^ (stream * 0x2545F491)));
}
