using MultiCluster.Storage.Schema;

namespace MultiCluster.Storage.Tests;

/// <summary>The test-only migration modules embedded in this assembly.</summary>
internal static class TestModules
{
    public static MigrationSource Counting { get; } = Of("counting", "Counting");

    public static MigrationSource Broken { get; } = Of("broken", "Broken");

    public static MigrationSource Misnamed { get; } = Of("misnamed", "Misnamed");

    private static MigrationSource Of(string module, string folder) =>
        new(module, typeof(TestModules).Assembly, $"TestMigrations/{folder}/");
}
