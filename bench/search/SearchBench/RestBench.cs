using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace MultiCluster.Bench.Search;

/// <summary>
/// LocalCluster through Qdrant's REST API, as a client sees it: a real node process, the train set upserted in
/// batches with wait=true, then top-10 searches over POST /collections/{c}/points/search from N concurrent clients.
/// Request bodies are serialised before the clock starts: the figures are the node's (and the HTTP stack's). Then
/// <see cref="GrpcBench"/> searches the same collection over gRPC.
/// </summary>
internal static class RestBench
{
    private const string Collection = "fashion_mnist";
    private const int K = 10;
    private const int Warmup = 50;
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static async Task RunAsync(float[][] train, float[][] queries, BenchOptions options)
    {
        await using var node = await LocalClusterProcess.StartAsync(options.Server!, options.OutputDirectory, options.PidFile);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients })
        {
            BaseAddress = node.BaseAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };

        await SendAsync(http, HttpMethod.Put, $"collections/{Collection}", Body(w =>
        {
            w.WriteStartObject("vectors");
            w.WriteNumber("size", train[0].Length);
            w.WriteString("distance", "Euclid");
            w.WriteEndObject();
        }));

        var batches = new List<byte[]>();
        for (var from = 0; from < train.Length; from += options.Batch)
        {
            var to = Math.Min(train.Length, from + options.Batch);
            batches.Add(Body(w =>
            {
                w.WriteStartArray("points");
                for (var i = from; i < to; i++)
                {
                    w.WriteStartObject();
                    w.WriteNumber("id", i);
                    WriteVector(w, "vector", train[i]);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }));
        }

        var started = Stopwatch.GetTimestamp();
        foreach (var batch in batches)
        {
            await SendAsync(http, HttpMethod.Put, $"collections/{Collection}/points?wait=true", batch);
        }

        var upsertSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Report.Figure("upsert_pps", train.Length / upsertSeconds);
        Report.Line("upsert_batch", options.Batch.ToString(CultureInfo.InvariantCulture));
        Report.Figure("upsert_mb_per_s", batches.Sum(b => (double)b.Length) / upsertSeconds / 1e6);

        var bodies = queries.Select(q => Body(w =>
        {
            WriteVector(w, "vector", q);
            w.WriteNumber("limit", K);
        })).ToArray();

        for (var i = 0; i < Math.Min(Warmup, bodies.Length); i++)
        {
            await SearchAsync(http, bodies[i]);
        }

        // One client, one request at a time: latency-bound figure.
        var ids = new ulong[bodies.Length][];
        started = Stopwatch.GetTimestamp();
        for (var q = 0; q < bodies.Length; q++)
        {
            ids[q] = await SearchAsync(http, bodies[q]);
        }

        Report.Figure("rest_qps_1client", bodies.Length / Stopwatch.GetElapsedTime(started).TotalSeconds);
        Report.WriteIds(Path.Combine(options.OutputDirectory, "rest_1client.ids"), ids);

        // N clients, each taking the next query until none is left.
        var next = -1;
        started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(async _ =>
        {
            int q;
            while ((q = Interlocked.Increment(ref next)) < bodies.Length)
            {
                ids[q] = await SearchAsync(http, bodies[q]);
            }
        }));
        Report.Figure("local_qps", bodies.Length / Stopwatch.GetElapsedTime(started).TotalSeconds);
        Report.Line("rest_clients", options.Clients.ToString(CultureInfo.InvariantCulture));
        Report.WriteIds(Path.Combine(options.OutputDirectory, "rest.ids"), ids);

        // The same node and collection through the services' adapter over gRPC.
        await GrpcBench.RunAsync(node, Collection, queries, options);
    }

    private static async Task<ulong[]> SearchAsync(HttpClient http, byte[] body)
    {
        using var response = await SendAsync(http, HttpMethod.Post, $"collections/{Collection}/points/search", body);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var document = await JsonDocument.ParseAsync(stream);
        return [.. document.RootElement.GetProperty("result").EnumerateArray().Select(hit => hit.GetProperty("id").GetUInt64())];
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, byte[] body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = Json } },
        };
        var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync();
            response.Dispose();
            throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode} {text}");
        }

        return response;
    }

    private static void WriteVector(Utf8JsonWriter writer, string name, float[] vector)
    {
        writer.WriteStartArray(name);
        foreach (var component in vector)
        {
            writer.WriteNumberValue(component);
        }

        writer.WriteEndArray();
    }

    private static byte[] Body(Action<Utf8JsonWriter> fields)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            fields(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
