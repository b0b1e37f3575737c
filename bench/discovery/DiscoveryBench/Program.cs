using MultiCluster.Bench.Discovery;

// bench/discovery/run.sh drives this, one --run per process so each step has its own timeout; every figure is
// printed as one "key=value" line on stdout.
if (!BenchOptions.TryRead(args, out var options, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

Directory.CreateDirectory(options.OutputDirectory);
var sampled = options.Run is "dbscan" or "ward";
var data = FashionMnist.ReadTrainImages(options.DatasetDirectory, sampled ? options.Rows : int.MaxValue);
Figures.Line("dataset_" + options.Run, $"rows={data.Count} dims={data.Dimension} processors={Environment.ProcessorCount}");
switch (options.Run)
{
    case "kmeans":
        OurStrategies.KMeans(data, options);
        break;
    case "mlnet":
        MlNetKMeans.Run(data, options);
        break;
    case "dbscan":
        OurStrategies.Dbscan(data, options);
        break;
    case "ward":
        OurStrategies.Ward(data, options);
        break;
    default:
        OurStrategies.Hybrid(data, options);
        break;
}

return 0;
