namespace MultiCluster.Mcctl.Cli;

/// <summary>
/// The options every command takes. Each reads its environment variable when the flag is absent, and the addresses
/// default to the ports ./run.sh and services/*/appsettings.json use, so mcctl with no flags talks to that mesh.
/// </summary>
internal static class GlobalOptions
{
    public static readonly Option<string> Address = Make("--address", "MCCTL_ADDRESS", "http://127.0.0.1:5100", "The Orchestrator (the public edge)", "-a");

    public static readonly Option<string> DiscoveryAddress = Make("--discovery-address", "MCCTL_DISCOVERY_ADDRESS", "http://127.0.0.1:5101", "Discovery");

    public static readonly Option<string> SpecializationAddress =
        Make("--specialization-address", "MCCTL_SPECIALIZATION_ADDRESS", "http://127.0.0.1:5102", "Specialization");

    public static readonly Option<string> RebalancerAddress = Make("--rebalancer-address", "MCCTL_REBALANCER_ADDRESS", "http://127.0.0.1:5103", "The Rebalancer");

    public static readonly Option<string> ApiKey = new("--api-key")
    {
        Description = "API key sent as x-api-key on every call [env: MCCTL_API_KEY]; none when empty (./run.sh runs without auth)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MCCTL_API_KEY") ?? "",
        Recursive = true,
    };

    public static readonly Option<OutputFormat> Output = new("--output", "-o")
    {
        Description = "table (for people) or json (the protobuf JSON of each response, one per line, for scripts) [env: MCCTL_OUTPUT]",
        DefaultValueFactory = _ => Enum.TryParse<OutputFormat>(Environment.GetEnvironmentVariable("MCCTL_OUTPUT"), ignoreCase: true, out var format) ? format : OutputFormat.Table,
        Recursive = true,
    };

    public static readonly Option<double> Timeout = new("--timeout")
    {
        Description = "Seconds each call may take (watching a running operation is not bounded: Ctrl-C stops watching) [env: MCCTL_TIMEOUT]",
        DefaultValueFactory = _ => double.TryParse(Environment.GetEnvironmentVariable("MCCTL_TIMEOUT"), System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? seconds : 30,
        Recursive = true,
    };

    public static IEnumerable<Option> All => [Address, DiscoveryAddress, SpecializationAddress, RebalancerAddress, ApiKey, Output, Timeout];

    private static Option<string> Make(string name, string variable, string fallback, string what, params string[] aliases) => new(name, aliases)
    {
        Description = $"{what}'s gRPC address [env: {variable}]",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : fallback,
        Recursive = true,
    };
}
