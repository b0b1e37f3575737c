using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Routing;

/// <summary>
/// A library's routing settings with every default resolved: the library's own, else the defaults stored under "",
/// else the contract's and <see cref="OrchestratorOptions"/>. What the router and the fan-out work from.
/// </summary>
public sealed record RoutingPolicy(
    RoutingStrategy Strategy,
    int MaxDomains,
    double MinDomainSimilarity,
    TimeSpan DefaultTimeout,
    TimeSpan? HedgeAfter,
    int CircuitFailureThreshold,
    TimeSpan CircuitBreakDuration,
    TimeSpan CacheTtl,
    double RecallTarget)
{
    /// <summary>
    /// Resolves field by field: a field unset (zero, or absent for hedge_after_ms, where 0 means "never") in
    /// <paramref name="own"/> falls back to <paramref name="defaults"/>, then to options. <see cref="HedgeAfter"/> null
    /// hedges after the cluster's recent p95; zero never hedges.
    /// </summary>
    public static RoutingPolicy Resolve(RoutingSettings? own, RoutingSettings? defaults, OrchestratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RoutingSettings[] layers = [.. new[] { own, defaults }.OfType<RoutingSettings>()];
        T Pick<T>(Func<RoutingSettings, T> read, Func<T, bool> isSet, T fallback) =>
            layers.Select(read).Where(isSet).DefaultIfEmpty(fallback).First();
        TimeSpan Span(Func<RoutingSettings, Duration?> read, TimeSpan fallback) =>
            layers.Select(read).FirstOrDefault(d => d is not null) is { } d ? d.ToTimeSpan() : fallback;

        return new RoutingPolicy(
            Pick(s => s.Strategy, s => s != RoutingStrategy.Unspecified, RoutingStrategy.Adaptive),
            (int)Pick(s => s.MaxDomains, m => m > 0, 0u),
            Pick(s => s.MinDomainSimilarity, m => m != 0, 0d),
            Pick(s => s.DefaultTimeoutMs, m => m > 0, 0u) is var ms and > 0 ? TimeSpan.FromMilliseconds(ms) : options.DefaultTimeout,
            layers.FirstOrDefault(s => s.HasHedgeAfterMs) is { } hedge ? TimeSpan.FromMilliseconds(hedge.HedgeAfterMs) : null,
            (int)Pick(s => s.CircuitFailureThreshold, m => m > 0, (uint)options.CircuitFailureThreshold),
            Span(s => s.CircuitBreakDuration, options.CircuitBreakDuration),
            Span(s => s.CacheTtl, options.CacheTtl),
            Pick(s => s.RecallTarget, r => r > 0, options.RecallTarget));
    }

    /// <summary>The settings as the contract reports them, every default written out (hedge_after_ms left unset when hedging follows the p95).</summary>
    public RoutingSettings ToContract()
    {
        var settings = new RoutingSettings
        {
            Strategy = Strategy,
            MaxDomains = (uint)MaxDomains,
            MinDomainSimilarity = MinDomainSimilarity,
            DefaultTimeoutMs = (uint)DefaultTimeout.TotalMilliseconds,
            CircuitFailureThreshold = (uint)CircuitFailureThreshold,
            CircuitBreakDuration = Duration.FromTimeSpan(CircuitBreakDuration),
            CacheTtl = Duration.FromTimeSpan(CacheTtl),
            RecallTarget = RecallTarget,
        };
        if (HedgeAfter is { } hedgeAfter)
        {
            settings.HedgeAfterMs = (uint)hedgeAfter.TotalMilliseconds;
        }

        return settings;
    }
}
