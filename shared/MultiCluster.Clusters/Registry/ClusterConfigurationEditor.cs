using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultiCluster.Clusters.Configuration;

namespace MultiCluster.Clusters;

/// <summary>
/// Changes this process's clusters at run time: validates a <see cref="ClusterChange"/> as start-up validates
/// clusters.yaml, optionally probes the cluster, writes the overrides file, then swaps the registry. Written before
/// swapped, so a change that is answered as done survives a restart. Each service has its own view of the clusters;
/// a change made here does not reach the other services.
/// </summary>
public sealed partial class ClusterConfigurationEditor(
    ClusterRegistry registry,
    ClusterOverridesFile? overrides,
    Func<ClusterOptions, IVectorCluster> factory,
    ILogger<ClusterConfigurationEditor>? logger = null) : IDisposable
{
    private static readonly IConfiguration NoEnvironment = new ConfigurationBuilder().Build();

    // One writer at a time: the file is rewritten whole from the registry, so two interleaved changes would each
    // write a file without the other's change. Admin changes are rare; readers never take this.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger _logger = logger ?? NullLogger<ClusterConfigurationEditor>.Instance;

    /// <summary>
    /// Applies the change; returns the stored configuration and whether the cluster is new. Throws
    /// <see cref="ClusterConfigurationException"/> for invalid input and <see cref="ClusterChangeRejectedException"/>
    /// when the change cannot be made now; in both cases nothing changed.
    /// </summary>
    public async Task<(ClusterOptions Options, bool Created)> ApplyAsync(ClusterChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);

        // Bad input is reported as such even where changes are off, so a caller fixes it once, not after enabling them.
        _ = Validate(change, null);
        if (overrides is null)
        {
            throw new ClusterChangeRejectedException(
                $"Run-time cluster changes are off in this service because {ClusterOverridesFile.PathKey} is not set, and a change kept only in memory would be lost at the next restart: " +
                $"set {ClusterOverridesFile.PathKey} to a writable path on persistent storage (one file per service), or edit config/clusters.yaml (or CLUSTERS__<NAME>__* variables) and restart.");
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var snapshot = registry.Current;
            var existing = snapshot.Options.FirstOrDefault(o => o.Name == change.Name);
            var options = Validate(change, existing);
            var currentDefault = snapshot.DefaultClusterName;
            if (currentDefault == options.Name && !change.IsDefault)
            {
                throw new ClusterChangeRejectedException(
                    $"Cluster '{options.Name}' is the default cluster and there must always be one: make another cluster default first (set is_default on it), or keep is_default true here.");
            }

            if (change.ValidateConnectivity)
            {
                await ProbeAsync(options, cancellationToken);
            }

            var (keptNames, keptDefault, unreadable) = overrides.ReadChanged();
            if (unreadable.Count > 0)
            {
                // It read at start, so someone edited it since; rewriting it would silently drop what they wrote.
                throw new ClusterChangeRejectedException(
                    $"The overrides file no longer reads ({string.Join("; ", unreadable)}), so nothing was changed: fix or remove it (edit it only while the service is stopped), then try again.");
            }

            var movesDefault = change.IsDefault && currentDefault != options.Name;
            var newDefault = movesDefault ? options.Name : currentDefault;

            // Only a default chosen at run time is kept: an update of the default cluster's URL must not pin the
            // default against a later edit of default_cluster in clusters.yaml.
            var persistedDefault = movesDefault ? options.Name : keptDefault;
            var changed = keptNames.Append(options.Name).ToHashSet(StringComparer.Ordinal);
            var after = snapshot.Options.Select(o => o.Name == options.Name ? options : o).ToList();
            if (existing is null)
            {
                after.Add(options);
            }

            try
            {
                overrides.Write(after.Where(o => changed.Contains(o.Name)), persistedDefault);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ClusterChangeRejectedException(
                    $"The change could not be kept in {overrides.Path} ({e.Message}), so nothing was changed: make that path writable by the service, on storage that survives restarts.");
            }

            registry.Apply(options, newDefault);
            LogChanged(_logger, options.Name, existing is null ? "added" : "updated", ChangedFields(existing, options, movesDefault), newDefault, overrides.Path);
            return (options, existing is null);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private static ClusterOptions Validate(ClusterChange change, ClusterOptions? existing)
    {
        var raw = new RawCluster("cluster");
        Put(raw, "name", change.Name);
        Put(raw, "url", change.Url);
        Put(raw, "region", change.Region);
        Put(raw, "capacity_points", change.CapacityPoints.ToString(CultureInfo.InvariantCulture));
        Put(raw, "capacity_bytes", change.CapacityBytes.ToString(CultureInfo.InvariantCulture));
        Put(raw, "api_key", change.ApiKey);
        var problems = new List<string>();
        if (change.ApiKey.Length > 0 && change.ClearApiKey)
        {
            problems.Add("cluster.api_key: set together with clear_api_key (expected a new key, or clear_api_key with no key)");
        }

        var options = ClusterConfigurationValidator.ValidateCluster(raw, NoEnvironment, problems);
        if (options is null || problems.Count > 0)
        {
            throw new ClusterConfigurationException("SetClusterConfig", problems);
        }

        // Fields the request does not carry keep their stored values (defaults for a new cluster).
        return options with
        {
            ApiKey = change.ClearApiKey ? null : change.ApiKey.Length > 0 ? change.ApiKey : existing?.ApiKey,

            // The request names the REST URL only: a gRPC URL set for it stays while the REST URL does, else it is derived.
            GrpcUrl = existing?.Url == options.Url ? existing.GrpcUrl : null,
            Draining = change.Draining,
            Timeout = existing?.Timeout ?? ClusterOptions.DefaultTimeout,
            SnapshotTimeout = existing?.SnapshotTimeout ?? ClusterOptions.DefaultSnapshotTimeout,
            DegradedLatency = existing?.DegradedLatency,
            DegradedMemoryBytes = existing?.DegradedMemoryBytes ?? 0,
        };
    }

    // Empty text is "not given", so the validator reports a missing name or URL rather than an empty one.
    private static void Put(RawCluster raw, string field, string text)
    {
        if (text.Length > 0)
        {
            raw.Fields[field] = new RawValue(text, $"cluster.{field}");
        }
    }

    // Names only: the log says that the key changed, never what it is.
    private static string ChangedFields(ClusterOptions? before, ClusterOptions after, bool movesDefault)
    {
        if (before is null)
        {
            return $"new cluster: {after}" + (movesDefault ? ", now the default" : "");
        }

        var fields = new List<string>();
        Note(fields, "url", before.Url != after.Url);
        Note(fields, "grpc_url", before.EffectiveGrpcUrl != after.EffectiveGrpcUrl);
        Note(fields, "api_key", before.ApiKey != after.ApiKey);
        Note(fields, "region", before.Region != after.Region);
        Note(fields, "capacity_points", before.CapacityPoints != after.CapacityPoints);
        Note(fields, "capacity_bytes", before.CapacityBytes != after.CapacityBytes);
        Note(fields, "draining", before.Draining != after.Draining);
        Note(fields, "is_default", movesDefault);
        return fields.Count == 0 ? "nothing changed" : "changed " + string.Join(", ", fields);
    }

    private static void Note(List<string> fields, string field, bool changed)
    {
        if (changed)
        {
            fields.Add(field);
        }
    }

    private async Task ProbeAsync(ClusterOptions options, CancellationToken cancellationToken)
    {
        var probe = factory(options);
        try
        {
            var health = await probe.CheckHealthAsync(cancellationToken);
            if (health.State == HealthState.Down)
            {
                throw new ClusterChangeRejectedException(
                    $"Cluster '{options.Name}' did not answer with the new settings, so nothing was changed: {health.Problem} Check the URL and API key, or send the change without validate_connectivity to store it anyway.");
            }
        }
        finally
        {
            (probe as IDisposable)?.Dispose();
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Cluster {Cluster} {Change} at run time ({Fields}); default cluster {DefaultCluster}; kept in {OverridesFile}")]
    private static partial void LogChanged(ILogger logger, string cluster, string change, string fields, string defaultCluster, string overridesFile);
}
