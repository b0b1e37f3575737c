using Microsoft.Extensions.Configuration;

namespace MultiCluster.Clusters.Tests.Configuration;

/// <summary>
/// Environment variables as a host's IConfiguration sees them: the environment provider turns "__" into ":".
/// In-memory so tests never touch the process environment (tests run in parallel).
/// </summary>
internal static class EnvironmentVariables
{
    public static IConfiguration Of(params (string Name, string Value)[] variables) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(variables.Select(v => new KeyValuePair<string, string?>(v.Name.Replace("__", ":", StringComparison.Ordinal), v.Value)))
            .Build();
}
