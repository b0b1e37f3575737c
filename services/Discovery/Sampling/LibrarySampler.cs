using System.Text.Json.Nodes;
using MultiCluster.Clusters;
using MultiCluster.Discovery.Clustering;
using MultiCluster.Discovery.Libraries;

namespace MultiCluster.Discovery.Sampling;

/// <summary>
/// Draws a uniform sample of a library by reservoir sampling over a scroll of every collection: one pass, memory for
/// the sample only, and each collection represented in proportion to its size without knowing the sizes first.
/// The same seed over the same data gives the same sample.
/// </summary>
public static class LibrarySampler
{
    /// <summary>Points per scroll page.</summary>
    public const int PageSize = 1_000;

    public static async Task<LibrarySample> SampleAsync(LibraryInfo library, int sampleSize, ulong seed, IProgress<SamplingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleSize);
        var random = new Random(unchecked((int)(seed ^ (seed >> 32))));
        var dimension = library.Shape.Dimension;
        var capacity = (int)Math.Min(sampleSize, Math.Max(library.Shape.TotalPoints, 1));
        var vectors = new List<float[]>(capacity);
        var ids = new List<string>(capacity);
        var payloads = new List<JsonObject?>(capacity);
        var domains = new List<string?>(capacity);
        long seen = 0;

        // A collection replicated on several clusters is read once, from the first cluster listing it.
        foreach (var collection in library.Collections.GroupBy(c => c.Name, StringComparer.Ordinal).Select(g => g.First()))
        {
            string? offset = null;
            do
            {
                var page = await collection.Cluster.ScrollAsync(collection.Name, new ScrollRequest(PageSize, offset, WithPayload: true, WithVectors: true), cancellationToken);
                foreach (var point in page.Points)
                {
                    if (point.Vector.Length != dimension)
                    {
                        continue;
                    }

                    var slot = seen < sampleSize ? (int)seen : random.NextInt64(seen + 1) is var pick && pick < sampleSize ? (int)pick : -1;
                    seen++;
                    if (slot < 0)
                    {
                        continue;
                    }

                    if (slot == vectors.Count)
                    {
                        vectors.Add(point.Vector);
                        ids.Add(point.Id);
                        payloads.Add(point.Payload);
                        domains.Add(collection.DomainId);
                    }
                    else
                    {
                        vectors[slot] = point.Vector;
                        ids[slot] = point.Id;
                        payloads[slot] = point.Payload;
                        domains[slot] = collection.DomainId;
                    }
                }

                progress?.Report(new SamplingProgress(seen, Math.Max(library.Shape.TotalPoints, seen)));
                offset = page.NextOffset;
            }
            while (offset is not null);
        }

        return new LibrarySample(VectorSet.FromRows(vectors, dimension), ids, payloads, domains);
    }
}
