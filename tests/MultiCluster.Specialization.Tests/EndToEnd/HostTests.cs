using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Specialization.Tests.EndToEnd;

[Collection(SpecializationHostGroup.Name)]
public sealed class HostTests(SpecializationFixture fixture)
{
    [Fact]
    public async Task TheHost_SeesTheThreeClustersWithLocalAAsDefault()
    {
        var response = await fixture.Admin.GetClusterConfigAsync(new GetClusterConfigRequest()).ResponseAsync.Within();

        Assert.Equal(SpecializationFixture.ClusterNames, response.Clusters.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal("local-a", Assert.Single(response.Clusters, c => c.IsDefault).Name);
    }
}
