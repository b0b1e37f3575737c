using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiCluster.LocalCluster.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace MultiCluster.LocalCluster.Tests.Durability;

/// <summary>
/// Writers stream wait=true upserts into a node that is SIGKILLed at random moments, again and again; after every
/// restart, every upsert the node acknowledged must be there with its exact vector and payload.
/// </summary>
public sealed class KillDuringWritesTests(ITestOutputHelper output)
{
    private const int Kills = 50;
    private const int Writers = 4;
    private const int Dimension = 8;
    private const string Collection = "durable";

    private readonly ConcurrentDictionary<ulong, (float[] Vector, string Payload)> _acknowledged = new();
    private long _nextId;

    [Fact]
    public async Task EveryAcknowledgedPoint_SurvivesRepeatedSigkill_WithItsExactVectorAndPayload()
    {
        using var data = new TempDirectory();
        var random = new Random(20_261_122);
        var clock = Stopwatch.StartNew();
        long checkedPoints = 0;
        var checkpoints = 0;
        var replayedRestarts = 0;

        // Bounded by the kill count and by each step's own bounded waits; how fast it runs is not this test's
        // concern (a loaded machine doubles it), so the elapsed time is reported, not asserted.
        for (var kill = 0; kill < Kills; kill++)
        {
            var node = await NodeProcess.StartAsync(data.Path, "--snapshot-every", "100");
            using var http = new QdrantHttp(node.Address);
            if (kill == 0)
            {
                _ = (await http.PutAsync($"/collections/{Collection}", $$$"""{"vectors":{"size":{{{Dimension}}},"distance":"Dot"}}""")).Result;
            }

            checkedPoints += await VerifyAsync(http, kill);
            var writers = Enumerable.Range(0, Writers).Select(w => WriteUntilKilledAsync(http, w, new Random(random.Next()))).ToArray();
            await Task.Delay(random.Next(20, 250));
            await node.KillAsync();
            await Task.WhenAll(writers);
            checkpoints += Occurrences(node.Errors, "checkpoint at operation");
            replayedRestarts += Occurrences(node.Errors, "log records replayed") - Occurrences(node.Errors, " 0 log records replayed");
        }

        await using (var last = await NodeProcess.StartAsync(data.Path))
        {
            using var http = new QdrantHttp(last.Address);
            checkedPoints += await VerifyAsync(http, Kills);
        }

        output.WriteLine($"{Kills} SIGKILLs, {_acknowledged.Count} acknowledged points, {checkedPoints} point checks, "
            + $"{checkpoints} checkpoints, {replayedRestarts} restarts replayed a log, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(_acknowledged.Count > Kills * 10, $"too few writes were acknowledged to mean anything: {_acknowledged.Count}");
    }

    /// <summary>Upserts small batches of new points until the node dies; records what it acknowledged.</summary>
    private async Task WriteUntilKilledAsync(QdrantHttp http, int writer, Random random)
    {
        while (true)
        {
            var batch = Enumerable.Range(0, random.Next(1, 11)).Select(_ => NewPoint(writer, random)).ToList();
            var body = "{\"points\":[" + string.Join(",", batch.Select(Json)) + "]}";
            QdrantReply reply;
            try
            {
                reply = await http.PutAsync($"/collections/{Collection}/points?wait=true", body);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or TimeoutException)
            {
                return; // killed mid-request: this batch was never acknowledged
            }

            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Equal("completed", reply.Result.GetProperty("status").GetString());
            foreach (var point in batch)
            {
                _acknowledged[point.Id] = (point.Vector, point.Payload);
            }
        }
    }

    private (ulong Id, float[] Vector, string Payload) NewPoint(int writer, Random random)
    {
        var id = (ulong)Interlocked.Increment(ref _nextId);
        var vector = Enumerable.Range(0, Dimension).Select(_ => (float)(random.NextDouble() * 200 - 100)).ToArray();
        var payload = $$$"""{"writer":{{{writer}}},"id":{{{id}}},"tag":"p-{{{id}}}-ü","weight":{{{Text((float)random.NextDouble())}}},"nested":{"list":[{{{id % 7}}},null,true]}}""";
        return (id, vector, payload);
    }

    /// <summary>Scrolls the whole collection and checks every acknowledged point; returns how many were checked.</summary>
    private async Task<int> VerifyAsync(QdrantHttp http, int restart)
    {
        var stored = new Dictionary<ulong, JsonElement>();
        JsonElement? offset = null;
        do
        {
            var from = offset is { } o ? $",\"offset\":{o.GetRawText()}" : "";
            var page = (await http.PostAsync($"/collections/{Collection}/points/scroll", $$$"""{"limit":5000,"with_vector":true,"with_payload":true{{{from}}}}""")).Result;
            foreach (var point in page.GetProperty("points").EnumerateArray())
            {
                stored[point.GetProperty("id").GetUInt64()] = point;
            }

            offset = page.GetProperty("next_page_offset") is { ValueKind: not JsonValueKind.Null } next ? next : null;
        }
        while (offset is not null);

        foreach (var (id, (vector, payload)) in _acknowledged)
        {
            Assert.True(stored.TryGetValue(id, out var point), $"after restart {restart}: acknowledged point {id} is missing ({stored.Count} stored)");
            Assert.Equal(vector, point.GetProperty("vector").EnumerateArray().Select(v => v.GetSingle()).ToArray());
            Assert.True(
                JsonNode.DeepEquals(JsonNode.Parse(payload), JsonNode.Parse(point.GetProperty("payload").GetRawText())),
                $"after restart {restart}: point {id} has payload {point.GetProperty("payload").GetRawText()}, expected {payload}");
        }

        return _acknowledged.Count;
    }

    private static string Json((ulong Id, float[] Vector, string Payload) point) =>
        $$"""{"id":{{point.Id}},"vector":[{{string.Join(",", point.Vector.Select(Text))}}],"payload":{{point.Payload}}}""";

    private static int Occurrences(string text, string phrase) => text.Split(phrase).Length - 1;

    private static string Text(float value) => value.ToString(CultureInfo.InvariantCulture);
}
