namespace MultiCluster.Mcctl.Cli;

/// <summary>One service mcctl calls: its name, the address used, and the flag and variable that change it (for messages).</summary>
internal sealed record ServiceTarget(string Name, Uri Address, string Flag, string EnvironmentVariable);
