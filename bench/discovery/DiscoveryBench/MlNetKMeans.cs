using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using MultiCluster.Discovery.Clustering;

namespace MultiCluster.Bench.Discovery;

/// <summary>
/// ML.NET's KMeansTrainer, the second peer, as shipped: its default initialisation (KMeansYinyang, a
/// k-means|| seeding) and convergence tolerance, the same cluster count and iteration cap as the others, all cores.
/// </summary>
internal static class MlNetKMeans
{
    public static void Run(VectorSet data, BenchOptions options)
    {
        var context = new MLContext(seed: 0);
        var schema = SchemaDefinition.Create(typeof(ImageRow));
        schema[nameof(ImageRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, data.Dimension);
        var rows = Enumerable.Range(0, data.Count).Select(row => new ImageRow { Features = data[row].ToArray() }).ToList();
        var view = context.Data.LoadFromEnumerable(rows, schema);
        var trainer = context.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            FeatureColumnName = nameof(ImageRow.Features),
            NumberOfClusters = options.K,
            MaximumNumberOfIterations = options.MaxIterations,
        });

        var cpu = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        var model = trainer.Fit(view);
        clock.Stop();
        cpu = Environment.CpuUsage.TotalTime - cpu;

        VBuffer<float>[] buffers = [];
        model.Model.GetClusterCentroids(ref buffers, out var k);
        var centroids = new VectorSet(new float[k * data.Dimension], data.Dimension);
        for (var c = 0; c < k; c++)
        {
            buffers[c].CopyTo(centroids.Row(c));
        }

        var labels = Inertia.NearestLabels(data, centroids);
        Figures.WriteLabels(Path.Combine(options.OutputDirectory, "mlnet_kmeans.labels"), labels);
        Figures.Line("mlnet_kmeans_ms", clock.Elapsed.TotalMilliseconds, "F0");
        Figures.Line("mlnet_kmeans_cpu_ms", cpu.TotalMilliseconds, "F0");
        Figures.Inertia("mlnet_kmeans_inertia", Inertia.OfLabels(data, labels, centroids));
    }

    /// <summary>One image as ML.NET reads it; the vector size is set on the schema at run time.</summary>
    private sealed class ImageRow
    {
        public float[] Features { get; set; } = [];
    }
}
