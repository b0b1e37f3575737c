using Google.Protobuf.WellKnownTypes;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Libraries;

namespace MultiCluster.Orchestrator.Routing;

/// <summary>
/// SetRoutingStrategy: checks the settings against the contract's ranges, applies the fields of update_mask (all when
/// empty) over what the library (or the defaults, library "") had, stores them and answers what is now in effect.
/// </summary>
public sealed class RoutingSettingsEditor(
    LibraryCatalog catalog,
    LibrarySettingsStore store,
    LibraryPolicies policies,
    RoutingCalibrator calibrator,
    OrchestratorOptions options)
{
    private static readonly TimeSpan MaxBreak = TimeSpan.FromHours(1);
    private static readonly TimeSpan MaxCacheTtl = TimeSpan.FromDays(1);

    public async Task<SetRoutingStrategyResponse> SetAsync(SetRoutingStrategyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Library.Length > 0 && await catalog.GetAsync(request.Library, cancellationToken) is null)
        {
            throw OrchestratorException.NotFound($"library: no library {LibraryName.Quote(request.Library)}; create it first (CreateLibrary), or leave it empty to set the defaults.");
        }

        var settings = request.Settings ?? throw OrchestratorException.Invalid("settings: required; give the routing settings to set.");
        Check(settings);
        var paths = request.UpdateMask?.Paths ?? [];
        var fields = RoutingSettings.Descriptor.Fields.InFieldNumberOrder();
        foreach (var path in paths)
        {
            if (RoutingSettings.Descriptor.FindFieldByName(path) is null)
            {
                throw OrchestratorException.Invalid($"update_mask.paths: '{path}' is not a field of RoutingSettings; use {string.Join(", ", fields.Select(f => f.Name))}.");
            }
        }

        var updated = (await store.GetRoutingAsync(request.Library, cancellationToken))?.Clone() ?? new RoutingSettings();
        foreach (var field in fields.Where(f => paths.Count == 0 || paths.Contains(f.Name)))
        {
            // An optional field left unset (hedge_after_ms) is cleared: its absence means something its zero does not.
            var value = field.HasPresence && !field.Accessor.HasValue(settings) ? null : field.Accessor.GetValue(settings);
            if (value is null)
            {
                field.Accessor.Clear(updated);
            }
            else
            {
                field.Accessor.SetValue(updated, value);
            }
        }

        await store.SetRoutingAsync(request.Library, updated, cancellationToken);
        policies.Forget(request.Library);
        calibrator.Nudge();
        var (policy, _) = await policies.GetAsync(request.Library, cancellationToken);
        return new SetRoutingStrategyResponse { Settings = policy.ToContract() };
    }

    private void Check(RoutingSettings settings)
    {
        var max = options.MaxTimeout.TotalMilliseconds;
        if (!System.Enum.IsDefined(settings.Strategy))
        {
            throw OrchestratorException.Invalid($"settings.strategy: {(int)settings.Strategy} is not a routing strategy; use one of {string.Join(", ", System.Enum.GetNames<RoutingStrategy>())}.");
        }

        Require(settings.MaxDomains <= 256, $"settings.max_domains: {settings.MaxDomains} is out of range; 1 to 256, or 0 for adaptive.");
        Require(settings.MinDomainSimilarity is >= -1 and <= 1, $"settings.min_domain_similarity: {settings.MinDomainSimilarity} is not a cosine similarity; -1 to 1, or 0 for no floor.");
        Require(settings.DefaultTimeoutMs <= max, $"settings.default_timeout_ms: {settings.DefaultTimeoutMs} is above the longest budget, {max:0} ms.");
        Require(settings.HedgeAfterMs <= max, $"settings.hedge_after_ms: {settings.HedgeAfterMs} is above the longest budget, {max:0} ms; give 0 to disable hedging, or leave it unset to hedge after the cluster's p95.");
        Require(settings.CircuitFailureThreshold <= 1000, $"settings.circuit_failure_threshold: {settings.CircuitFailureThreshold} is out of range; 1 to 1,000, or 0 for 5.");
        Span(settings.CircuitBreakDuration, "settings.circuit_break_duration", MaxBreak);
        Span(settings.CacheTtl, "settings.cache_ttl", MaxCacheTtl);
        Require(settings.RecallTarget == 0 || settings.RecallTarget is >= 0.5 and <= 1, $"settings.recall_target: {settings.RecallTarget} is out of range; 0.5 to 1, or 0 for the default.");
    }

    private static void Span(Duration? duration, string field, TimeSpan max)
    {
        if (duration is null)
        {
            return;
        }

        Require(duration.Seconds >= 0 && duration.Nanos is >= 0 and < 1_000_000_000, $"{field}: not a valid non-negative duration; give seconds >= 0 and nanos 0 to 999,999,999.");
        Require(duration.ToTimeSpan() <= max, $"{field}: {duration.ToTimeSpan()} is longer than the {max} allowed.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw OrchestratorException.Invalid(message);
        }
    }
}
