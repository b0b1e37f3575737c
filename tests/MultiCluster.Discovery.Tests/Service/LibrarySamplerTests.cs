using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Domains;
using MultiCluster.Discovery.Libraries;
using MultiCluster.Discovery.Sampling;
using MultiCluster.Discovery.Tests.EndToEnd;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Discovery.Tests.Service;

/// <summary>The sampler over a real LocalCluster holding the fashion library (the end-to-end fixture's cluster).</summary>
[Collection(DiscoveryHostGroup.Name)]
public sealed class LibrarySamplerTests(DiscoveryHostFixture fixture)
{
    private LibraryInfo Library => new(
        new LibraryShape(DiscoveryHostFixture.Library, FashionLibrary.Dimension, Distance.Euclid, FashionLibrary.TotalPoints),
        [new LibraryPart(fixture.Cluster, $"{DiscoveryHostFixture.Library}__unassigned", "unassigned")]);

    [Fact]
    public async Task SameSeed_DrawsTheSameSample_AnotherSeedAnother()
    {
        var first = await LibrarySampler.SampleAsync(Library, 100, 42, null, CancellationToken.None).Within();
        var again = await LibrarySampler.SampleAsync(Library, 100, 42, null, CancellationToken.None).Within();
        var other = await LibrarySampler.SampleAsync(Library, 100, 43, null, CancellationToken.None).Within();

        Assert.Equal(100, first.Count);
        Assert.Equal(first.Ids, again.Ids);
        Assert.NotEqual(first.Ids, other.Ids);
        Assert.Equal(100, first.Ids.Distinct().Count());
        Assert.All(first.StoredDomainIds!, d => Assert.Equal("unassigned", d));
        Assert.All(first.Payloads, p => Assert.Contains((string)p!["category"]!, FashionLibrary.Categories));
    }

    [Fact]
    public async Task SampleOfAtLeastTheLibrary_IsTheWholeLibrary_WithProgressInPoints()
    {
        var reports = new List<SamplingProgress>();

        var sample = await LibrarySampler.SampleAsync(Library, 10_000, 1, new SynchronousProgress(reports.Add), CancellationToken.None).Within();

        Assert.Equal(FashionLibrary.TotalPoints, sample.Count);
        Assert.Equal(FashionLibrary.TotalPoints, reports[^1].Scanned);
        Assert.Equal(FashionLibrary.Dimension, sample.Vectors.Dimension);
    }

    [Fact]
    public async Task Sample_IsSpreadOverTheLibrary_NotTheFirstPages()
    {
        var sample = await LibrarySampler.SampleAsync(Library, 150, 9, null, CancellationToken.None).Within();

        // Each blob holds a third of the library; a uniform sample of 150 holds 50 ± a few of each.
        foreach (var category in FashionLibrary.Categories)
        {
            Assert.InRange(sample.Payloads.Count(p => (string)p!["category"]! == category), 25, 75);
        }
    }

    private sealed class SynchronousProgress(Action<SamplingProgress> report) : IProgress<SamplingProgress>
    {
        public void Report(SamplingProgress value) => report(value);
    }
}
