namespace MultiCluster.ServiceDefaults.Configuration;

/// <summary>
/// Marks a setting that is a secret: it must come from the environment (or another non-file source such as a mounted
/// secret or the command line), never from appsettings or config/*.yaml, and its value never appears in a message or log.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
