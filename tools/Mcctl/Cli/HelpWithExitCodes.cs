using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace MultiCluster.Mcctl.Cli;

/// <summary>The standard help, followed on the root command by the exit codes and the environment variables.</summary>
internal sealed class HelpWithExitCodes(HelpAction standard) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var result = standard.Invoke(parseResult);
        if (parseResult.CommandResult.Command is RootCommand)
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Exit codes:");
            foreach (var (code, meaning) in ExitCodes.Table)
            {
                output.WriteLine($"  {code,-5}{meaning}");
            }

            output.WriteLine();
            output.WriteLine("With no flags mcctl talks to the mesh ./run.sh starts (Orchestrator 127.0.0.1:5100, Discovery :5101,");
            output.WriteLine("Specialization :5102, Rebalancer :5103). Examples: tools/Mcctl/README.md.");
        }

        return result;
    }

    /// <summary>Puts this action on <paramref name="root"/>'s help option.</summary>
    public static void Install(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithExitCodes((HelpAction)help.Action!);
    }
}
