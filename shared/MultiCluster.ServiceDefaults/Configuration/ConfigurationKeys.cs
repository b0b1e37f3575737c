using Microsoft.Extensions.Configuration;

namespace MultiCluster.ServiceDefaults.Configuration;

/// <summary>How a key is named in problems: its configuration path and the environment variable that sets it.</summary>
internal static class ConfigurationKeys
{
    public static string Describe(string path) => $"{path} (env {EnvironmentForm(path)})";

    public static string EnvironmentForm(string path) => path.Replace(ConfigurationPath.KeyDelimiter, "__", StringComparison.Ordinal);

    /// <summary>The value as quoted in a problem; a secret's value is never shown.</summary>
    public static string Got(string? value, bool secret) =>
        secret ? " (value not shown: it is a secret)" : value is null ? "" : $" (got '{value}')";
}
