namespace MultiCluster.ServiceDefaults.Configuration;

/// <summary>The host's configuration is wrong; the message lists every problem by key with the form expected.</summary>
public sealed class ServiceConfigurationException : InvalidOperationException
{
    public ServiceConfigurationException()
    {
    }

    public ServiceConfigurationException(string message)
        : base(message)
    {
    }

    public ServiceConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ServiceConfigurationException(IReadOnlyList<string> problems)
        : base("Invalid service configuration (fix these settings in appsettings.json, config/*.yaml or the environment):"
            + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p)))
    {
        Problems = problems;
    }

    /// <summary>One line per problem: "Key (env Key__Form) expected form (got 'value')".</summary>
    public IReadOnlyList<string> Problems { get; } = [];
}
