using MultiCluster.Bench.Search;

// bench/search/run.sh drives this; every figure is printed as one "key=value" line on stdout.
if (!BenchOptions.TryRead(args, out var options, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

var train = Idx.ReadImages(Path.Combine(options.DatasetDirectory, "train-images-idx3-ubyte.gz"), options.Train);
var queries = Idx.ReadImages(Path.Combine(options.DatasetDirectory, "t10k-images-idx3-ubyte.gz"), options.Queries);
Report.Line("dataset", $"train={train.Length} queries={queries.Length} dims={train[0].Length}");
Directory.CreateDirectory(options.OutputDirectory);

if (options.Mode is "all" or "inproc")
{
    InProcessBench.Run(train, queries, options);
}

if (options.Mode is "all" or "rest")
{
    await RestBench.RunAsync(train, queries, options);
}

return 0;
