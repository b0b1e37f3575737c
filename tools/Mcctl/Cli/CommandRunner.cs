namespace MultiCluster.Mcctl.Cli;

/// <summary>
/// Gives a command its action: builds the context from the global options, runs the body, and turns whatever it throws
/// into one line on stderr and an exit code (<see cref="ErrorReport"/>), never a stack trace.
/// </summary>
internal static class CommandRunner
{
    public static Command Runs(this Command command, Func<CommandContext, Task<int>> body)
    {
        command.SetAction(async (parse, cancellation) =>
        {
            var printer = new Printer(parse.GetValue(GlobalOptions.Output));
            try
            {
                var timeout = parse.GetValue(GlobalOptions.Timeout);
                if (timeout <= 0 || double.IsNaN(timeout))
                {
                    throw CliException.Usage($"--timeout: {timeout} is not a number of seconds above 0.");
                }

                using var mesh = new Mesh(
                    Target("orchestrator", parse, GlobalOptions.Address, "MCCTL_ADDRESS"),
                    Target("discovery", parse, GlobalOptions.DiscoveryAddress, "MCCTL_DISCOVERY_ADDRESS"),
                    Target("specialization", parse, GlobalOptions.SpecializationAddress, "MCCTL_SPECIALIZATION_ADDRESS"),
                    Target("rebalancer", parse, GlobalOptions.RebalancerAddress, "MCCTL_REBALANCER_ADDRESS"),
                    parse.GetValue(GlobalOptions.ApiKey));
                return await body(new CommandContext(parse, mesh, printer, TimeSpan.FromSeconds(timeout), cancellation));
            }
            catch (Exception e) when (ErrorReport.Describe(e, parse, cancellation) is { } report)
            {
                Printer.Error(report.Message);
                return report.ExitCode;
            }
        });
        return command;
    }

    private static ServiceTarget Target(string name, ParseResult parse, Option<string> option, string variable) =>
        new(name, Mesh.ParseAddress(parse.GetValue(option)!, option.Name), option.Name, variable);
}
