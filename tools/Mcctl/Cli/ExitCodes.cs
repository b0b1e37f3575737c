namespace MultiCluster.Mcctl.Cli;

/// <summary>What mcctl's exit status means; scripts branch on these, so they never change meaning.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadUsage = 2;
    public const int NotFound = 3;
    public const int Unavailable = 4;
    public const int Denied = 5;
    public const int Conflict = 6;
    public const int TimedOut = 7;
    public const int Interrupted = 130;

    /// <summary>The table printed at the end of `mcctl --help` and in the README.</summary>
    public static readonly (int Code, string Meaning)[] Table =
    [
        (Ok, "done"),
        (Failed, "the operation ran and failed (or some points were rejected)"),
        (BadUsage, "bad usage: an unknown command or option, a bad value, or a request the server refused as invalid"),
        (NotFound, "a library, domain, operation or file that does not exist"),
        (Unavailable, "a service could not be reached (the message names the address tried)"),
        (Denied, "the API key is missing, unknown or lacks the role (--api-key, MCCTL_API_KEY)"),
        (Conflict, "the mesh refused in its current state (already exists, one already running, precondition)"),
        (TimedOut, "the call took longer than --timeout"),
        (Interrupted, "stopped by Ctrl-C (a server-side operation keeps running)"),
    ];
}
