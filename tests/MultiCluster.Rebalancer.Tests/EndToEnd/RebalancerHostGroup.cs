using Xunit;

namespace MultiCluster.Rebalancer.Tests.EndToEnd;

/// <summary>The end-to-end tests share one host and its clusters (starting them is the slow part); each empties the tables first.</summary>
[CollectionDefinition(Name)]
public sealed class RebalancerHostGroup : ICollectionFixture<RebalancerFixture>
{
    public const string Name = "rebalancer host";
}
