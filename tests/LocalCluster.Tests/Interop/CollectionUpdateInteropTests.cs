using System.Net;
using MultiCluster.LocalCluster.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Qdrant.Client;
using Qdrant.Client.Grpc;
using Xunit;

namespace MultiCluster.LocalCluster.Tests.Interop;

/// <summary>
/// Collections.Update through Qdrant's official .NET client and PATCH over REST: the same settings object changes,
/// both APIs describe it alike, and it survives a restart.
/// </summary>
public sealed class CollectionUpdateInteropTests
{
    [Fact]
    public async Task OfficialClientUpdate_ChangesEverySection_AndTheChangeSurvivesARestart()
    {
        using var data = new TempDirectory();
        await using (var node = await InProcessNode.StartAsync(dataDirectory: data.Path))
        {
            using var client = new QdrantClient(node.GrpcAddress);
            await client.CreateCollectionAsync("tuned", new VectorParams { Size = 8, Distance = Distance.Cosine }).Within();

#pragma warning disable CS0612 // on_disk and always_ram are deprecated in favour of memory modes; Qdrant still takes them.
            await client.UpdateCollectionAsync(
                "tuned",
                new VectorParamsDiff { OnDisk = true },
                optimizersConfig: new OptimizersConfigDiff { IndexingThreshold = 3_000 },
                collectionParams: new CollectionParamsDiff { ReplicationFactor = 2 },
                hnswConfig: new HnswConfigDiff { M = 48, OnDisk = true },
                quantizationConfig: new QuantizationConfigDiff { Product = new ProductQuantization { Compression = CompressionRatio.X16, AlwaysRam = true } }).Within();
#pragma warning restore CS0612
        }

        await using var restarted = await InProcessNode.StartAsync(dataDirectory: data.Path);
        using var again = new QdrantClient(restarted.GrpcAddress);
        var info = await again.GetCollectionInfoAsync("tuned").Within();
        var rest = (await restarted.Http.GetAsync("/collections/tuned")).Result.GetProperty("config");

#pragma warning disable CS0612
        Assert.True(info.Config.Params.VectorsConfig.Params.OnDisk);
        Assert.Equal((48ul, 100ul, true), (info.Config.HnswConfig.M, info.Config.HnswConfig.EfConstruct, info.Config.HnswConfig.OnDisk));
        Assert.Equal(3_000ul, info.Config.OptimizerConfig.IndexingThreshold);
        Assert.Equal(2u, info.Config.Params.ReplicationFactor);
        Assert.Equal((CompressionRatio.X16, true), (info.Config.QuantizationConfig.Product.Compression, info.Config.QuantizationConfig.Product.AlwaysRam));
#pragma warning restore CS0612
        Assert.Equal("x16", rest.GetProperty("quantization_config").GetProperty("product").GetProperty("compression").GetString());
        Assert.Equal(3_000, rest.GetProperty("optimizer_config").GetProperty("indexing_threshold").GetInt32());
    }

    [Fact]
    public async Task OfficialClientUpdate_OfAMissingCollection_IsNotFound()
    {
        await using var node = await InProcessNode.StartAsync();
        using var client = new QdrantClient(node.GrpcAddress);

        var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => client.UpdateCollectionAsync("nowhere", hnswConfig: new HnswConfigDiff { M = 8 }).Within());

        Assert.Equal(Grpc.Core.StatusCode.NotFound, error.StatusCode);
        Assert.Contains("nowhere", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_DisablesQuantization_AndRefusesAnUnknownCompression()
    {
        await using var node = await InProcessNode.StartAsync();
        await node.Http.PutAsync("/collections/q", """{"vectors":{"size":4,"distance":"Dot"},"quantization_config":{"binary":{"always_ram":true}}}""");

        var binary = (await node.Http.GetAsync("/collections/q")).Result.GetProperty("config").GetProperty("quantization_config");
        var disabled = await node.Http.PatchAsync("/collections/q", """{"quantization_config":"Disabled"}""");
        var after = (await node.Http.GetAsync("/collections/q")).Result.GetProperty("config").GetProperty("quantization_config");
        var refused = await node.Http.PatchAsync("/collections/q", """{"quantization_config":{"product":{"compression":"x3"}}}""");

        Assert.True(binary.GetProperty("binary").GetProperty("always_ram").GetBoolean());
        Assert.True(disabled.Result.GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, after.ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("unknown variant `x3`", refused.Error, StringComparison.Ordinal);
    }
}
