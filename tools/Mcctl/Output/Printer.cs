using Google.Protobuf;
using Spectre.Console;

namespace MultiCluster.Mcctl.Output;

/// <summary>
/// Where results go: tables and text on stdout for people; with --output json, each response as its protobuf JSON on
/// one line of stdout and nothing else there. Progress and errors go to stderr, so stdout stays parseable.
/// </summary>
internal sealed class Printer(OutputFormat format)
{
    // Default values printed too: a script reads "created": false rather than a missing key.
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public bool Json => format == OutputFormat.Json;

    /// <summary>stdout for tables and text; 200 columns wide when it is not a terminal (a pipe, a file), where 80 would wrap every table.</summary>
    public IAnsiConsole Console { get; } = Stdout();

    /// <summary>stderr, for live progress and errors.</summary>
    public IAnsiConsole Status { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) });

    /// <summary>The message as JSON, or what <paramref name="render"/> draws.</summary>
    public void Emit(IMessage message, Action<IAnsiConsole> render)
    {
        ArgumentNullException.ThrowIfNull(render);
        if (Json)
        {
            System.Console.Out.WriteLine(Formatter.Format(message));
        }
        else
        {
            render(Console);
        }
    }

    /// <summary>Several responses as one JSON object (keyed by <paramref name="parts"/>' names), or what <paramref name="render"/> draws.</summary>
    public void Emit(IEnumerable<(string Name, IMessage Message)> parts, Action<IAnsiConsole> render)
    {
        ArgumentNullException.ThrowIfNull(render);
        if (Json)
        {
            System.Console.Out.WriteLine("{" + string.Join(",", parts.Select(p => $"\"{p.Name}\":{Formatter.Format(p.Message)}")) + "}");
        }
        else
        {
            render(Console);
        }
    }

    /// <summary>Text as it is, unwrapped and without markup (JSON for people, lists to grep).</summary>
    public static void Plain(string text) => System.Console.Out.WriteLine(text);

    /// <summary>A line for people (nothing in JSON mode, where stdout is for the responses).</summary>
    public void Line(string markup)
    {
        if (!Json)
        {
            Console.MarkupLine(markup);
        }
    }

    /// <summary>One line on stderr, never wrapped (scripts and tests read it whole).</summary>
    public static void Error(string message) => System.Console.Error.WriteLine($"error: {message}");

    private static IAnsiConsole Stdout()
    {
        var console = AnsiConsole.Console;
        if (System.Console.IsOutputRedirected)
        {
            console.Profile.Width = 200;
        }

        return console;
    }
}
