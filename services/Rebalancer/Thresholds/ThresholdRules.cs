using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;
using MultiCluster.ServiceDefaults.Grpc;

namespace MultiCluster.Rebalancer.Thresholds;

/// <summary>
/// What SetRebalancingThresholds accepts: each field in its range, zero (or unset) meaning its default, a field mask
/// naming only known fields, and no combination that contradicts itself (more moves at once than per run). The
/// contract's defaults hold except the load imbalance, which is the seeds' load_imbalance (0.3, configurable).
/// </summary>
public sealed class ThresholdRules(RebalancerOptions options)
{
    private static readonly string[] Fields =
    [
        "max_fill_ratio", "max_size_imbalance", "max_load_imbalance", "max_latency_p99_ms", "max_error_rate",
        "sustain_duration", "cooldown", "max_concurrent_moves", "max_moves_per_run",
    ];

    public RebalancingThresholds Defaults() => Resolve(new RebalancingThresholds());

    /// <summary>
    /// <paramref name="current"/> with the fields of <paramref name="requested"/> that <paramref name="mask"/> names
    /// (all when empty), defaults resolved; a refusal naming the first field at fault otherwise.
    /// </summary>
    public RebalancingThresholds Apply(RebalancingThresholds? requested, FieldMask? mask, RebalancingThresholds current)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (requested is null)
        {
            throw RebalancerException.Invalid("thresholds: required; send the values to set (zero means the default) and name the ones to change in update_mask.");
        }

        var paths = mask?.Paths ?? [];
        for (var i = 0; i < paths.Count; i++)
        {
            if (!Fields.Contains(paths[i], StringComparer.Ordinal))
            {
                throw RebalancerException.Invalid($"update_mask.paths[{i}]: '{paths[i]}' is not a threshold; use one of {string.Join(", ", Fields)}.");
            }
        }

        Validate(requested);
        var merged = paths.Count == 0 ? requested.Clone() : current.Clone();
        foreach (var path in paths)
        {
            var field = RebalancingThresholds.Descriptor.FindFieldByName(path);
            if (field.Accessor.GetValue(requested) is { } value)
            {
                field.Accessor.SetValue(merged, value);
            }
            else
            {
                field.Accessor.Clear(merged);
            }
        }

        var resolved = Resolve(merged);
        if (resolved.MaxConcurrentMoves > resolved.MaxMovesPerRun)
        {
            throw RebalancerException.Invalid(
                $"thresholds.max_concurrent_moves: {resolved.MaxConcurrentMoves} is above max_moves_per_run {resolved.MaxMovesPerRun}; a run cannot move more domains at once than it plans, lower it or raise max_moves_per_run.");
        }

        return resolved;
    }

    private static void Validate(RebalancingThresholds t)
    {
        Share("thresholds.max_fill_ratio", t.MaxFillRatio, 1);
        Share("thresholds.max_size_imbalance", t.MaxSizeImbalance, 10);
        Share("thresholds.max_load_imbalance", t.MaxLoadImbalance, 10);
        Share("thresholds.max_latency_p99_ms", t.MaxLatencyP99Ms, 3_600_000);
        Share("thresholds.max_error_rate", t.MaxErrorRate, 1);
        Span("thresholds.sustain_duration", t.SustainDuration, TimeSpan.FromDays(1));
        Span("thresholds.cooldown", t.Cooldown, TimeSpan.FromDays(7));
        Count("thresholds.max_concurrent_moves", t.MaxConcurrentMoves, 16);
        Count("thresholds.max_moves_per_run", t.MaxMovesPerRun, 100);
    }

    private RebalancingThresholds Resolve(RebalancingThresholds t) => new()
    {
        MaxFillRatio = t.MaxFillRatio > 0 ? t.MaxFillRatio : 0.85,
        MaxSizeImbalance = t.MaxSizeImbalance > 0 ? t.MaxSizeImbalance : 0.25,
        MaxLoadImbalance = t.MaxLoadImbalance > 0 ? t.MaxLoadImbalance : options.LoadImbalance,
        MaxLatencyP99Ms = t.MaxLatencyP99Ms > 0 ? t.MaxLatencyP99Ms : 250,
        MaxErrorRate = t.MaxErrorRate > 0 ? t.MaxErrorRate : 0.05,
        SustainDuration = t.SustainDuration ?? Duration.FromTimeSpan(TimeSpan.FromMinutes(5)),
        Cooldown = t.Cooldown ?? Duration.FromTimeSpan(TimeSpan.FromMinutes(15)),
        MaxConcurrentMoves = t.MaxConcurrentMoves > 0 ? t.MaxConcurrentMoves : 1,
        MaxMovesPerRun = t.MaxMovesPerRun > 0 ? t.MaxMovesPerRun : 5,
    };

    private static void Share(string field, double value, double max)
    {
        if (!double.IsFinite(value) || value < 0 || value > max)
        {
            throw RebalancerException.Invalid($"{field}: {value} is out of range; give a value in (0, {max}], or 0 for the default.");
        }
    }

    private static void Span(string field, Duration? value, TimeSpan max)
    {
        var span = RequestTime.ReadDuration(value, field, out var problem);
        if (problem is not null)
        {
            throw RebalancerException.Invalid(problem);
        }

        if (span is { } s && (s < TimeSpan.Zero || s > max))
        {
            throw RebalancerException.Invalid($"{field}: {s} is out of range; give a duration from 0 to {max}, or leave it unset for the default.");
        }
    }

    private static void Count(string field, uint value, uint max)
    {
        if (value > max)
        {
            throw RebalancerException.Invalid($"{field}: {value} is out of range; give 1 to {max}, or 0 for the default.");
        }
    }
}
