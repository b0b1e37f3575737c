using Xunit;

namespace MultiCluster.Specialization.Tests.EndToEnd;

/// <summary>The end-to-end tests share one host and its clusters (starting them is the slow part); each uses its own library.</summary>
[CollectionDefinition(Name)]
public sealed class SpecializationHostGroup : ICollectionFixture<SpecializationFixture>
{
    public const string Name = "specialization host";
}
