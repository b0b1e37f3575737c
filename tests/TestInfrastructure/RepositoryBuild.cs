using System.Reflection;

namespace MultiCluster.TestInfrastructure;

/// <summary>Where this repository and its built projects are, for tests that run them as separate processes or read its files.</summary>
public static class RepositoryBuild
{
    /// <summary>The repository's root directory (where Microservices.MultiCluster.sln is), found above the test output.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration this test run was built in (Debug under ./test.sh).</summary>
    public static string Configuration { get; } =
        typeof(RepositoryBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    /// <summary>The .dll of <paramref name="assemblyName"/> under <paramref name="relativeDirectory"/>, in this test run's configuration.</summary>
    public static string Output(string relativeDirectory, string assemblyName)
    {
        var path = Path.Combine(Root, relativeDirectory, "bin", Configuration, "net10.0", assemblyName + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built; build the solution first.", path);
    }

    private static string FindRoot()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Microservices.MultiCluster.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Repository root (Microservices.MultiCluster.sln) not found above the test output.");
        }

        return root;
    }
}
