using System.Text.RegularExpressions;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Specialization.Tests.Placement;

/// <summary>
/// The placements table belongs to the placement area: one store reads and writes it, so its encoding and locking
/// are decided in one place and every other area calls that store.
/// </summary>
public sealed partial class PlacementTableOwnerTests
{
    [Fact]
    public void OnlyThePlacementStore_QueriesThePlacementsTable()
    {
        var service = Path.Combine(RepositoryBuild.Root, "services", "Specialization");
        var owner = Path.Combine(service, "Placement", "SpecializationStore.cs");

        var readers = Directory.EnumerateFiles(service, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => PlacementsQuery().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(service, f))
            .ToList();

        Assert.Equal([Path.GetRelativePath(service, owner)], readers);
    }

    [GeneratedRegex(@"\b(FROM|UPDATE|INTO|JOIN)\s+placements\b", RegexOptions.IgnoreCase)]
    private static partial Regex PlacementsQuery();
}
