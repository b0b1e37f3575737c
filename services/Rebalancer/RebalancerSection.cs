using System.Globalization;
using MultiCluster.Rebalancer.Execution;
using MultiCluster.Rebalancer.Planning;
using MultiCluster.ServiceDefaults.Configuration;

namespace MultiCluster.Rebalancer;

/// <summary>
/// The one place the "Rebalancer" section is read. Its keys are the property names of <see cref="RebalancerOptions"/>,
/// <see cref="ExecutionOptions"/> and <see cref="PlanningOptions"/> (each record holds its defaults and checks its own
/// ranges): a duration in the seeds' form ("5s", "250ms") or TimeSpan's, a number in the invariant culture. A key that
/// does not parse stops the start with its path named.
/// </summary>
public static class RebalancerSection
{
    public const string Name = "Rebalancer";

    public static IServiceCollection AddRebalancerOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Name);
        services.AddSingleton(Bind(section, new RebalancerOptions()).Validated());
        services.AddSingleton(Bind(section, new ExecutionOptions()).Validated());
        services.AddSingleton(Bind(section, new PlanningOptions()).Validated());
        return services;
    }

    /// <summary>Sets each public duration or number of <paramref name="options"/> (its defaults) from the key of its name, when present.</summary>
    public static T Bind<T>(IConfigurationSection section, T options)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(section);
        foreach (var property in typeof(T).GetProperties().Where(p => p.CanWrite))
        {
            var current = property.GetValue(options);
            property.SetValue(options, current switch
            {
                TimeSpan interval => Intervals.Read(section, property.Name, interval),
                double number => Number(section, property.Name, number),
                _ => throw new InvalidOperationException($"{section.Path}:{property.Name}: only durations and numbers are read from configuration."),
            });
        }

        return options;
    }

    /// <summary>Stops the start, naming the section, when <paramref name="condition"/> does not hold.</summary>
    public static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"{Name}: {message}");
        }
    }

    private static double Number(IConfigurationSection section, string key, double fallback) => section[key] is { Length: > 0 } text
        ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new InvalidOperationException($"{section.Path}:{key}: '{text}' is not a number.")
        : fallback;
}
