using MultiCluster.Mcctl.Commands;

namespace MultiCluster.Mcctl;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("mcctl: the command-line client of the multi-cluster vector library")
        {
            LibraryCommands.Build(),
            StatusCommand.Build(),
            IngestCommand.Build(),
            SearchCommands.Search(),
            SearchCommands.Route(),
            DiscoverCommand.Build(),
            PlacementsCommand.Build(),
            MigrateCommand.Build(),
            RebalanceCommands.Build(),
            EventsCommand.Build(),
            ClustersCommands.Build(),
            CallCommand.Build(),
        };
        foreach (var option in GlobalOptions.All)
        {
            root.Options.Add(option);
        }

        HelpWithExitCodes.Install(root);
        return await UsageErrors.InvokeAsync(root, args);
    }
}
