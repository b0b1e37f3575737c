namespace MultiCluster.Mcctl.Cli;

/// <summary>A failure mcctl found itself (a bad file, a bad value): one line for the user and the exit code it means.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliException Usage(string message) => new(ExitCodes.BadUsage, message);

    public static CliException NotFound(string message) => new(ExitCodes.NotFound, message);
}
