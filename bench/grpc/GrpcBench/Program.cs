using System.Globalization;
using System.Net;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiCluster.Bench.Grpc;
using MultiCluster.Bench.Grpc.V1;
using MultiCluster.ServiceDefaults;
using MultiCluster.ServiceDefaults.Hosting;

// GrpcBench: the .NET side of bench/grpc/run.sh.
//
//   GrpcBench ours [--port N] [kestrel options]   bench.v1.EchoService/Echo on a host built as the services build
//                                                  theirs (AddServiceDefaults: API-key auth with a key, RPC metrics,
//                                                  tracing, health, reflection, the services' logging levels)
//   GrpcBench bare [--port N] [kestrel options]   the same service on a bare Grpc.AspNetCore host (AddGrpc only)
//   GrpcBench body --out FILE [--size 1024]       writes the h2load request body (one framed EchoRequest)
//
// The server modes listen on 127.0.0.1 (HTTP/2 only, prior knowledge), port 0 = a free one, and start a
// second, separate Kestrel host on another free port speaking HTTP/1.1 for control: GET /stats answers
// "allocated_bytes=… calls=… gen0=… gen1=… gen2=…" (GC.GetTotalAllocatedBytes(precise: true) and the
// number of completed echo calls). It is never touched during a measured run, only before and after.
// When both listen, one line "listening <port> control <port>" goes to stdout. SIGTERM stops the process.
//
// Kestrel options (defaults are Kestrel's): --max-streams N (Http2.MaxStreamsPerConnection),
// --conn-window BYTES (Http2.InitialConnectionWindowSize), --stream-window BYTES (Http2.InitialStreamWindowSize).
var options = BenchOptions.Parse(args);
switch (options.Mode)
{
    case "body":
        await BenchPayload.WriteRequestBodyAsync(options.Out ?? throw new ArgumentException("body needs --out FILE"), options.Size);
        return 0;
    case "ours":
    case "bare":
        return await BenchServer.RunAsync(options);
    default:
        await Console.Error.WriteLineAsync("usage: GrpcBench ours|bare [--port N] [--size BYTES] [--max-streams N] [--conn-window BYTES] [--stream-window BYTES] | body --out FILE [--size BYTES]");
        return 2;
}

namespace MultiCluster.Bench.Grpc
{
    /// <summary>Command line of GrpcBench.</summary>
    internal sealed record BenchOptions(string Mode, int Port, int Size, string? Out, int? MaxStreams, int? ConnectionWindow, int? StreamWindow)
    {
        public static BenchOptions Parse(string[] args)
        {
            var mode = args.Length > 0 ? args[0] : "";
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 1; i < args.Length; i++)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                {
                    throw new ArgumentException($"expected '--name value', got '{args[i]}'");
                }

                values[args[i][2..]] = args[++i];
            }

            int? Int(string name) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : null;
            return new BenchOptions(mode, Int("port") ?? 0, Int("size") ?? 1024, values.GetValueOrDefault("out"), Int("max-streams"), Int("conn-window"), Int("stream-window"));
        }
    }

    /// <summary>The bytes every server in the benchmark exchanges: a 1 KB payload, framed as gRPC frames messages.</summary>
    internal static class BenchPayload
    {
        public static ByteString Payload(int size)
        {
            var bytes = new byte[size];
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)((i * 31) + 7);
            }

            return ByteString.CopyFrom(bytes);
        }

        /// <summary>One length-prefixed gRPC message: flag 0, 4-byte big-endian length, protobuf bytes.</summary>
        public static byte[] Frame(IMessage message)
        {
            var body = message.ToByteArray();
            var framed = new byte[5 + body.Length];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)body.Length);
            body.CopyTo(framed, 5);
            return framed;
        }

        public static Task WriteRequestBodyAsync(string path, int size) =>
            File.WriteAllBytesAsync(path, Frame(new EchoRequest { Payload = Payload(size) }));
    }

    /// <summary>What the control endpoint reports.</summary>
    internal static class BenchCounters
    {
        private static long s_calls;

        public static void CallCompleted() => Interlocked.Increment(ref s_calls);

        public static string Snapshot() => string.Create(CultureInfo.InvariantCulture,
            $"allocated_bytes={GC.GetTotalAllocatedBytes(precise: true)} calls={Interlocked.Read(ref s_calls)} gen0={GC.CollectionCount(0)} gen1={GC.CollectionCount(1)} gen2={GC.CollectionCount(2)}\n");
    }

    /// <summary>bench.v1.EchoService: answers with the request's payload, as the grpc-js peer does.</summary>
    public sealed class BenchEchoService : EchoService.EchoServiceBase
    {
        public override Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context)
        {
            ArgumentNullException.ThrowIfNull(request);
            BenchCounters.CallCompleted();
            return Task.FromResult(new EchoResponse { Payload = request.Payload });
        }
    }

    internal static class BenchServer
    {
        /// <summary>The API key run.sh sends with every call (admin: the echo method is not in MethodRoles, so it needs admin).</summary>
        public const string ApiKey = "grpc-bench-admin-key-0123456789abcdef";

        public static async Task<int> RunAsync(BenchOptions options)
        {
            await using var app = options.Mode == "ours" ? BuildOurs() : BuildBare(options.Port);
            ConfigureKestrel(app, options);
            app.MapGrpcService<BenchEchoService>();
            await using var control = BuildControl();
            await app.StartAsync();
            await control.StartAsync();
            var port = options.Mode == "ours" ? app.Services.GetRequiredService<ServiceListeners>().GrpcEndPoint.Port : PortOf(app);
            Console.WriteLine($"listening {port} control {PortOf(control)}");

            await app.WaitForShutdownAsync();
            await control.StopAsync();
            return 0;
        }

        /// <summary>As a service's Program.cs builds its host, with the settings a service runs with (its appsettings.json levels).</summary>
        private static WebApplication BuildOurs()
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Service:Name"] = "grpc-bench",
                ["Service:GrpcPort"] = "0",
                ["Service:HttpPort"] = "0",
                ["Auth:Keys:0:Name"] = "bench",
                ["Auth:Keys:0:Role"] = "admin",
                ["Auth:Keys:0:Key"] = ApiKey,
                ["Health:RequireClusters"] = "false",
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            });
            builder.AddServiceDefaults();
            var app = builder.Build();
            app.MapDefaultEndpoints();
            return app;
        }

        private static WebApplication BuildBare(int port)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
            builder.Services.AddGrpc();
            return builder.Build();
        }

        // The same Kestrel knobs for both hosts (ours keeps its own listeners and keep-alive pings).
        private static void ConfigureKestrel(WebApplication app, BenchOptions options)
        {
            var kestrel = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<KestrelServerOptions>>().Value;
            kestrel.AddServerHeader = false;
            if (options.MaxStreams is { } streams)
            {
                kestrel.Limits.Http2.MaxStreamsPerConnection = streams;
            }

            if (options.ConnectionWindow is { } connectionWindow)
            {
                kestrel.Limits.Http2.InitialConnectionWindowSize = connectionWindow;
            }

            if (options.StreamWindow is { } streamWindow)
            {
                kestrel.Limits.Http2.InitialStreamWindowSize = streamWindow;
            }
        }

        /// <summary>A separate host (own Kestrel, HTTP/1.1) so the control endpoint is not in the measured server's pipeline.</summary>
        private static WebApplication BuildControl()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1));
            var control = builder.Build();
            control.MapGet("/stats", () => Results.Text(BenchCounters.Snapshot()));
            return control;
        }

        private static int PortOf(WebApplication app) =>
            new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
    }
}
