using Xunit;

namespace MultiCluster.Orchestrator.Tests.EndToEnd;

/// <summary>The end-to-end tests share one mesh (starting it is the slow part); each uses its own library.</summary>
[CollectionDefinition(Name)]
public sealed class MeshHostGroup : ICollectionFixture<OrchestratorFixture>
{
    public const string Name = "orchestrator mesh";
}
