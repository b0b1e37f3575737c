using MultiCluster.LocalCluster.Tests.Infrastructure;
using Xunit;

namespace MultiCluster.LocalCluster.Tests.Api;

/// <summary>One in-process node shared by a test class; tests use collection names of their own.</summary>
public sealed class NodeFixture : IAsyncLifetime
{
    private InProcessNode? _node;

    public InProcessNode Node => _node ?? throw new InvalidOperationException("The node has not started.");

    public QdrantHttp Http => Node.Http;

    public async Task InitializeAsync() => _node = await InProcessNode.StartAsync(options => options with { MaxBatch = 100, MaxBodyMegabytes = 1 });

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    /// <summary>Creates a collection with a name unique to the calling test.</summary>
    public async Task<string> CreateCollectionAsync(int size = 4, string distance = "Dot", string? name = null)
    {
        name ??= "c" + Guid.NewGuid().ToString("N")[..12];
        var reply = await Http.PutAsync($"/collections/{name}", $$$"""{"vectors":{"size":{{{size}}},"distance":"{{{distance}}}"}}""");
        _ = reply.Result;
        return name;
    }
}
