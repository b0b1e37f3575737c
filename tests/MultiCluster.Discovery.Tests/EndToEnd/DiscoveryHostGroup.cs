using Xunit;

namespace MultiCluster.Discovery.Tests.EndToEnd;

/// <summary>The end-to-end classes share one Discovery host and run one after another (they share its libraries).</summary>
[CollectionDefinition(Name)]
public sealed class DiscoveryHostGroup : ICollectionFixture<DiscoveryHostFixture>
{
    public const string Name = "discovery host";
}
