using System.Globalization;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Tuning;

/// <summary>
/// Recommends a collection's settings: the strategy's row of <see cref="StrategySettings"/>, adjusted by size and
/// load. Small collections (under <see cref="SmallCollectionPoints"/>) get no quantization (the few bytes it saves do
/// not pay for the recall it costs) and a low indexing threshold (so they get a graph rather than full scans as
/// they grow); a p99 over <see cref="LatencyTargetMs"/> keeps vectors and graph in RAM unless the strategy is memory.
/// Shards and in-cluster replicas are kept (shards cannot change; cross-cluster replicas are placements); search
/// ef is recommended only where a placement holds one. Null when nothing would change.
/// </summary>
public static class ConfigAdvisor
{
    public const long SmallCollectionPoints = 20_000;
    public const ulong SmallIndexingThresholdKb = 1_000;
    public const double LatencyTargetMs = 20;

    public static Recommendation? Recommend(CollectionFacts facts, OptimizationStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var current = facts.Current;
        var target = StrategySettings.For(strategy);
        var reasons = new List<string> { $"{Name(strategy)} strategy" };
        if (facts.Points < SmallCollectionPoints)
        {
            target.Quantization = Quantization.None;
            target.ScalarQuantile = 0;
            target.ProductCompressionRatio = 0;
            target.QuantizationAlwaysRam = false;
            target.IndexingThresholdKb = SmallIndexingThresholdKb;
            reasons.Add(Invariant($"{facts.Points:N0} points is under {SmallCollectionPoints:N0}: no quantization (it would save under {facts.Points * facts.Dimension * 3 / 1024:N0} kB), HNSW index from {SmallIndexingThresholdKb:N0} kB"));
        }
        else if (target.Quantization != Quantization.None || target.OnDisk)
        {
            reasons.Add(Invariant($"{facts.Points:N0} points x {facts.Dimension} dims are {facts.Points * facts.Dimension * 4.0 / (1024 * 1024):N1} MB of float vectors: {Layout(target)}"));
        }

        if (facts.Load is { LatencyP99Ms: > LatencyTargetMs } load && strategy != OptimizationStrategy.Memory)
        {
            target.OnDisk = false;
            target.HnswOnDisk = false;
            target.QuantizationAlwaysRam = target.Quantization != Quantization.None;
            reasons.Add(Invariant($"p99 {load.LatencyP99Ms:0.#} ms over the {LatencyTargetMs:0} ms target: vectors and graph kept in RAM"));
        }

        var recommended = current.Clone();
        recommended.HnswM = target.HnswM;
        recommended.HnswEfConstruct = target.HnswEfConstruct;
        recommended.HnswEf = current.HnswEf == 0 ? 0 : target.HnswEf;
        recommended.Quantization = target.Quantization;
        recommended.ScalarQuantile = target.Quantization == Quantization.ScalarInt8 ? (target.ScalarQuantile == 0 ? current.ScalarQuantile : target.ScalarQuantile) : 0;
        recommended.ProductCompressionRatio = target.Quantization == Quantization.Product ? target.ProductCompressionRatio : 0;
        recommended.QuantizationAlwaysRam = target.QuantizationAlwaysRam;
        recommended.OnDisk = target.OnDisk;
        recommended.HnswOnDisk = target.HnswOnDisk;
        if (target.IndexingThresholdKb != 0)
        {
            recommended.IndexingThresholdKb = target.IndexingThresholdKb;
        }

        var fields = Changed(current, recommended);
        if (fields.Count == 0)
        {
            return null;
        }

        var rationale = string.Join("; ", reasons) + ".";
        return new Recommendation(
            recommended,
            fields,
            char.ToUpperInvariant(rationale[0]) + rationale[1..],
            CostModel.Change(CostModel.SearchCost(current), CostModel.SearchCost(recommended)),
            CostModel.Change(CostModel.RamBytesPerPoint(current, facts.Dimension), CostModel.RamBytesPerPoint(recommended, facts.Dimension)));
    }

    /// <summary>Names of the fields that differ, with "quantization" whenever a detail of it does (it is replaced whole).</summary>
    public static IReadOnlySet<string> Changed(CollectionSettings current, CollectionSettings recommended)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(recommended);
        var fields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in CollectionSettings.Descriptor.Fields.InFieldNumberOrder())
        {
            if (!Equals(field.Accessor.GetValue(current), field.Accessor.GetValue(recommended)))
            {
                fields.Add(field.Name);
            }
        }

        if (fields.Overlaps(SettingsMask.QuantizationDetails))
        {
            fields.Add(SettingsMask.Quantization);
        }

        return fields;
    }

    private static string Layout(CollectionSettings target) =>
        (target.Quantization switch
        {
            Quantization.ScalarInt8 => "int8",
            Quantization.Product => "product",
            Quantization.Binary => "binary",
            _ => "no",
        }) + " quantization" + (target.Quantization != Quantization.None && target.QuantizationAlwaysRam ? " in RAM" : "")
        + (target.OnDisk ? ", originals on disk" : ", originals in RAM")
        + (target.HnswOnDisk ? ", graph on disk" : "");

    private static string Name(OptimizationStrategy strategy) => strategy.ToString().ToLowerInvariant();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
