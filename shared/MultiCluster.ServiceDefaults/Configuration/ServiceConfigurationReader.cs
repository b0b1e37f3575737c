using Microsoft.Extensions.Configuration;

namespace MultiCluster.ServiceDefaults.Configuration;

/// <summary>
/// Binds configuration sections to records and validates them, collecting every problem across sections so the host
/// stops once, at start, with the whole list rather than one problem per restart.
/// </summary>
public sealed class ServiceConfigurationReader(IConfiguration configuration)
{
    private readonly List<string> _problems = [];

    public IConfiguration Configuration { get; } = configuration;

    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Binds <paramref name="section"/> to <typeparamref name="T"/>; defaults where the section is absent or wrong.</summary>
    public T Bind<T>(string section)
        where T : class, new()
    {
        var before = _problems.Count;
        var configurationSection = Configuration.GetSection(section);
        ConfigurationShape.Check(typeof(T), configurationSection, _problems);
        SecretSources.Check(typeof(T), configurationSection, Configuration, _problems);
        if (_problems.Count > before)
        {
            return new T();
        }

        T options;
        try
        {
            options = configurationSection.Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            _problems.Add($"{ConfigurationKeys.Describe(section)} could not be read: {e.Message}");
            return new T();
        }

        OptionsValidation.Validate(options, section, Configuration, _problems);
        return options;
    }

    /// <summary>Adds a problem found by a rule that spans sections or reads a value outside them.</summary>
    public void AddProblem(string key, string expected) => _problems.Add($"{ConfigurationKeys.Describe(key)} {expected}");

    public void ThrowIfInvalid()
    {
        if (_problems.Count > 0)
        {
            throw new ServiceConfigurationException(_problems.ToList());
        }
    }
}
