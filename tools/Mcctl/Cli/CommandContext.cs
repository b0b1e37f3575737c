namespace MultiCluster.Mcctl.Cli;

/// <summary>What a command's action works with: its parsed values, the mesh, the printer, the per-call timeout.</summary>
internal sealed class CommandContext(ParseResult parse, Mesh mesh, Printer printer, TimeSpan timeout, CancellationToken cancellation)
{
    public ParseResult Parse { get; } = parse;

    public Mesh Mesh { get; } = mesh;

    public Printer Out { get; } = printer;

    public TimeSpan Timeout { get; } = timeout;

    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>The deadline of a call starting now.</summary>
    public DateTime Deadline => DateTime.UtcNow + Timeout;

    public T Get<T>(Option<T> option) => Parse.GetValue(option)!;

    public T Get<T>(Argument<T> argument) => Parse.GetValue(argument)!;
}
