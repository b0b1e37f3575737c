using System.Text.Json;
using MultiCluster.LocalCluster.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.LocalCluster.Tests.Interop;

/// <summary>
/// Starts a node as its own process with an API key, runs peers/qdrant-js-client.js (Qdrant's official JS client,
/// unchanged) against it once, and keeps what each step returned for the tests to assert.
/// </summary>
public sealed class QdrantJsClientFixture : IAsyncLifetime, IDisposable
{
    public const string ApiKey = "js-client-key";
    private readonly TempDirectory _data = new();
    private NodeProcess? _node;

    public JsonElement Results { get; private set; }

    public JsonElement this[string step] => Results.GetProperty(step);

    public async Task InitializeAsync()
    {
        _node = await NodeProcess.StartAsync(_data.Path, "--api-key", ApiKey);
        var (exitCode, output, errors) = await PeerProcess.RunAsync(
            "node", "qdrant-js-client.js", "--url", _node.Address.ToString().TrimEnd('/'), "--api-key", ApiKey, "--collection", "js_books");
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"qdrant-js-client.js exited with {exitCode}: {errors}\nnode stderr: {_node.Errors}");
        }

        Results = JsonDocument.Parse(output).RootElement.Clone();
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        Dispose();
    }

    public void Dispose() => _data.Dispose();
}
