using System.Reflection;

namespace MultiCluster.TestInfrastructure;

/// <summary>Where the projects of this repository were built, for tests that run them as separate processes.</summary>
public static class RepositoryBuild
{
    /// <summary>The .dll of <paramref name="assemblyName"/> under <paramref name="relativeDirectory"/>, in this test run's configuration.</summary>
    public static string Output(string relativeDirectory, string assemblyName)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Microservices.MultiCluster.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Repository root (Microservices.MultiCluster.sln) not found above the test output.");
        }

        var configuration = typeof(RepositoryBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value;
        var path = Path.Combine(root, relativeDirectory, "bin", configuration!, "net10.0", assemblyName + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built; build the solution first.", path);
    }
}
