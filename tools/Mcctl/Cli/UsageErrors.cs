using System.CommandLine.Invocation;

namespace MultiCluster.Mcctl.Cli;

/// <summary>
/// Parse errors end with exit code 2 (not System.CommandLine's 1, which mcctl keeps for failed operations), each
/// error on a line, and where to read the command's help.
/// </summary>
internal static class UsageErrors
{
    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
            }

            var path = string.Join(' ', Path(parse.CommandResult));
            await Console.Error.WriteLineAsync($"see '{path} --help'.");
            return ExitCodes.BadUsage;
        }

        return await parse.InvokeAsync();
    }

    private static Stack<string> Path(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new Stack<string>();
        for (var current = result; current is not null; current = current.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Push(current.Command is RootCommand ? "mcctl" : current.Command.Name);
        }

        return names;
    }
}
