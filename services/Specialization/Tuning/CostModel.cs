using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Tuning;

/// <summary>
/// A deliberately simple model of what settings cost, for the expected changes of a recommendation (the README
/// states it). RAM per point: float32 originals unless on disk, plus the quantized copy (int8: 1 byte per dimension,
/// product: 4 / ratio, binary: 1 bit), plus the HNSW links (2 m x 4 bytes) unless the graph is on disk. Search cost
/// per query: ef candidates x cost per candidate (1 for float vectors in RAM; 0.5 int8, 0.35 product, 0.25 binary;
/// plus 2 when originals are on disk without quantization, 0.5 for rescoring from disk with it) x (0.5 + m / 32)
/// x 1.3 when the graph is on disk. Only ratios of two settings are reported, never absolute figures.
/// </summary>
public static class CostModel
{
    private const uint DefaultM = 16;
    private const uint DefaultEf = 128;

    public static double RamBytesPerPoint(CollectionSettings settings, int dimension)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var originals = settings.OnDisk ? 0 : 4.0 * dimension;
        var quantized = settings.Quantization switch
        {
            Quantization.ScalarInt8 => dimension,
            Quantization.Product => 4.0 * dimension / (settings.ProductCompressionRatio == 0 ? 16 : settings.ProductCompressionRatio),
            Quantization.Binary => Math.Ceiling(dimension / 8.0),
            _ => 0,
        };
        var graph = settings.HnswOnDisk ? 0 : 2.0 * M(settings) * 4;
        return originals + quantized + graph;
    }

    public static double SearchCost(CollectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var quantized = settings.Quantization is Quantization.ScalarInt8 or Quantization.Product or Quantization.Binary;
        var perCandidate = settings.Quantization switch
        {
            Quantization.ScalarInt8 => 0.5,
            Quantization.Product => 0.35,
            Quantization.Binary => 0.25,
            _ => 1.0,
        };
        if (settings.OnDisk)
        {
            perCandidate += quantized ? 0.5 : 2.0;
        }

        var ef = settings.HnswEf == 0 ? DefaultEf : settings.HnswEf;
        return ef * perCandidate * (0.5 + M(settings) / 32.0) * (settings.HnswOnDisk ? 1.3 : 1.0);
    }

    /// <summary>Percent change from <paramref name="before"/> to <paramref name="after"/>, one decimal.</summary>
    public static double Change(double before, double after) => before <= 0 ? 0 : Math.Round((after / before - 1) * 100, 1);

    private static uint M(CollectionSettings settings) => settings.HnswM == 0 ? DefaultM : settings.HnswM;
}
