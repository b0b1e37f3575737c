using Xunit;

namespace MultiCluster.Mcctl.Tests;

/// <summary>Every end-to-end test shares one mesh: starting it is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class McctlGroup : ICollectionFixture<McctlFixture>
{
    public const string Name = "mcctl mesh";
}
