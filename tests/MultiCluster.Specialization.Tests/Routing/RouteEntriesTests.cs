using MultiCluster.Specialization.Routing;
using Xunit;

namespace MultiCluster.Specialization.Tests.Routing;

public sealed class RouteEntriesTests
{
    [Fact]
    public void WhileAMoveRuns_ReadsAndWritesReachSourceAndTarget()
    {
        var placed = RouteEntries.Placed("fashion", "d1", "local-a", []);

        var moving = RouteEntries.BeginMove(placed, "local-b");

        Assert.True(moving.Migrating);
        Assert.Equal(["local-a", "local-b"], moving.ReadClusters.Select(c => c.Name));
        Assert.Equal(["local-a", "local-b"], moving.WriteClusters.Select(c => c.Name));
        Assert.Equal("local-a", moving.Primary.Name);
        Assert.Equal("fashion__d1", moving.CollectionName);
    }

    [Fact]
    public void AfterTheFlip_OnlyTheTargetRemainsAndBecomesPrimary()
    {
        var moving = RouteEntries.BeginMove(RouteEntries.Placed("fashion", "d1", "local-a", ["local-c"]), "local-b");

        var moved = RouteEntries.CompleteMove(moving, "local-a", "local-b");

        Assert.False(moved.Migrating);
        Assert.Equal("local-b", moved.Primary.Name);
        Assert.Equal(["local-c", "local-b"], moved.ReadClusters.Select(c => c.Name));
        Assert.Equal(["local-c", "local-b"], moved.WriteClusters.Select(c => c.Name));
    }

    [Fact]
    public void AMoveThatKeepsItsSource_IsAReplicasCopy_TheSourceStayingPrimary_AndTheTargetReadOnlyOnceVerified()
    {
        // keep_source (the contract: "the target becomes a replica") runs as a replica's copy, never as a move.
        var placed = RouteEntries.Placed("fashion", "d1", "local-a", []);

        var copying = RouteEntries.BeginCopy(placed, "local-b");
        var copied = RouteEntries.CompleteCopy(copying, "local-b");

        Assert.Equal("local-a", copying.Primary.Name);
        Assert.Equal(["local-a"], copying.ReadClusters.Select(c => c.Name));
        Assert.Equal("local-a", copied.Primary.Name);
        Assert.Equal(["local-a", "local-b"], copied.ReadClusters.Select(c => c.Name));
        Assert.Equal(["local-a", "local-b"], copied.WriteClusters.Select(c => c.Name));
    }

    [Fact]
    public void ANewReplica_IsWrittenDuringItsCopy_AndReadOnlyOnceVerified_ThePrimaryStaying()
    {
        var placed = RouteEntries.Placed("fashion", "d1", "local-a", []);

        var copying = RouteEntries.BeginCopy(placed, "local-b");
        var copied = RouteEntries.CompleteCopy(copying, "local-b");

        Assert.True(copying.Migrating);
        Assert.Equal(["local-a"], copying.ReadClusters.Select(c => c.Name));
        Assert.Equal(["local-a", "local-b"], copying.WriteClusters.Select(c => c.Name));
        Assert.Equal(placed, RouteEntries.AbortMove(copying, placed, "local-b"));
        Assert.Equal(RouteEntries.Placed("fashion", "d1", "local-a", ["local-b"]), copied);
    }

    [Fact]
    public void AReplicaDropped_LeavesReadsAndWrites_ButNeverThePrimaryNorTheLastCopy()
    {
        var placed = RouteEntries.Placed("fashion", "d1", "local-a", ["local-b"]);

        var dropped = RouteEntries.DropReplica(placed, "local-b");

        Assert.Null(RouteEntries.WhyNotDrop(placed, "local-b"));
        Assert.Equal(RouteEntries.Placed("fashion", "d1", "local-a", []), dropped);
        Assert.Contains("is the primary", RouteEntries.WhyNotDrop(placed, "local-a"), StringComparison.Ordinal);
        var alone = RouteEntries.Placed("fashion", "d1", "local-a", []);
        alone.Primary = new MultiCluster.Contracts.V1.ClusterRef { Name = "local-c" };
        Assert.Contains("last readable copy", RouteEntries.WhyNotDrop(alone, "local-a"), StringComparison.Ordinal);
    }

    [Fact]
    public void AReplicaPromoted_BecomesPrimary_EveryCopyStillReadAndWritten_ButNeverMidMoveNorFromANonCopy()
    {
        var placed = RouteEntries.Placed("fashion", "d1", "local-a", ["local-b"]);

        var promoted = RouteEntries.Promote(placed, "local-b");

        Assert.Equal("local-b", promoted!.Primary.Name);
        Assert.Equal(placed.ReadClusters, promoted.ReadClusters);
        Assert.Equal(placed.WriteClusters, promoted.WriteClusters);
        Assert.Null(RouteEntries.Promote(placed, "local-a"));
        Assert.Null(RouteEntries.Promote(placed, "local-c"));
        Assert.Null(RouteEntries.Promote(RouteEntries.BeginCopy(RouteEntries.Placed("fashion", "d1", "local-a", []), "local-b"), "local-b"));
        Assert.Null(RouteEntries.Promote(RouteEntries.BeginMove(placed, "local-c"), "local-b"));
    }

    [Fact]
    public void AnAbandonedMove_GoesBackToTheRowBeforeIt()
    {
        var placed = RouteEntries.Placed("fashion", "d1", "local-a", []);
        var moving = RouteEntries.BeginMove(placed, "local-b");

        var back = RouteEntries.AbortMove(moving, placed, "local-b");

        Assert.Equal(placed, back);
    }
}
