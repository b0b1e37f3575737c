using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace MultiCluster.Mcctl.Commands;

/// <summary>
/// `call SERVICE METHOD [REQUEST]`: any RPC of the four services (and the ClusterAdminService each hosts) with its
/// request as protobuf JSON, built from the contracts' descriptors, so every RPC is reachable even where no command
/// is made for it. Unary and server-streaming calls print each response; a client-streaming call takes a JSON array.
/// </summary>
internal static class CallCommand
{
    private static readonly Dictionary<string, ServiceDescriptor> Services = new(StringComparer.Ordinal)
    {
        ["orchestrator"] = OrchestratorReflection.Descriptor.FindTypeByName<ServiceDescriptor>("OrchestratorService"),
        ["discovery"] = DiscoveryReflection.Descriptor.FindTypeByName<ServiceDescriptor>("DiscoveryService"),
        ["specialization"] = SpecializationReflection.Descriptor.FindTypeByName<ServiceDescriptor>("SpecializationService"),
        ["rebalancer"] = RebalancerReflection.Descriptor.FindTypeByName<ServiceDescriptor>("RebalancerService"),
    };

    private static readonly JsonFormatter Indented = new(JsonFormatter.Settings.Default.WithIndentation());

    private static readonly ServiceDescriptor ClusterAdmin = ClusterAdminReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ClusterAdminService");

    public static Command Build()
    {
        var service = new Argument<string>("SERVICE") { Description = "orchestrator, discovery, specialization or rebalancer" }.AcceptOnlyFromAmong([.. Services.Keys]);
        var method = Arguments.Optional("METHOD", "An RPC of that service or of ClusterAdminService (its methods are listed when left out)");
        var request = new Argument<string>("REQUEST") { Description = "The request as protobuf JSON ('{\"library\": \"docs\"}'); '-' reads stdin", DefaultValueFactory = _ => "{}" };
        var command = new Command("call", "Call any RPC of the mesh with a JSON request (every RPC of the four services is reachable this way)")
        {
            service, method, request,
        };
        return command.Runs(async ctx =>
        {
            var target = ctx.Mesh.Target(ctx.Get(service));
            var descriptors = new[] { Services[target.Name], ClusterAdmin };
            if (ctx.Get(method) is not { Length: > 0 } name)
            {
                foreach (var m in descriptors.SelectMany(s => s.Methods))
                {
                    Printer.Plain($"{m.Service.Name}/{m.Name}({(m.IsClientStreaming ? "stream " : "")}{m.InputType.Name}) -> {(m.IsServerStreaming ? "stream " : "")}{m.OutputType.Name}");
                }

                return ExitCodes.Ok;
            }

            var rpc = descriptors.SelectMany(s => s.Methods).FirstOrDefault(m => m.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                ?? throw CliException.Usage($"METHOD: {target.Name} has no RPC '{name}'; mcctl call {target.Name} lists them.");
            var json = ctx.Get(request) == "-" ? await Console.In.ReadToEndAsync(ctx.Cancellation) : ctx.Get(request);
            await InvokeAsync(ctx, ctx.Mesh.Invoker(target), rpc, json);
            return ExitCodes.Ok;
        });
    }

    private static async Task InvokeAsync(CommandContext ctx, CallInvoker invoker, MethodDescriptor rpc, string json)
    {
        var type = (rpc.IsClientStreaming, rpc.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (false, true) => MethodType.ServerStreaming,
            (true, false) => MethodType.ClientStreaming,
            _ => MethodType.DuplexStreaming,
        };
        var method = new Method<IMessage, IMessage>(type, rpc.Service.FullName, rpc.Name,
            Marshallers.Create(m => m.ToByteArray(), rpc.InputType.Parser.ParseFrom),
            Marshallers.Create(m => m.ToByteArray(), rpc.OutputType.Parser.ParseFrom));
        switch (type)
        {
            case MethodType.Unary:
                Print(ctx, await invoker.AsyncUnaryCall(method, null, new CallOptions(deadline: ctx.Deadline, cancellationToken: ctx.Cancellation), Parse(rpc.InputType, json)));
                break;
            case MethodType.ServerStreaming:
                using (var call = invoker.AsyncServerStreamingCall(method, null, new CallOptions(cancellationToken: ctx.Cancellation), Parse(rpc.InputType, json)))
                {
                    while (await call.ResponseStream.MoveNext(ctx.Cancellation))
                    {
                        Print(ctx, call.ResponseStream.Current);
                    }
                }

                break;
            case MethodType.ClientStreaming:
                using (var call = invoker.AsyncClientStreamingCall(method, null, new CallOptions(deadline: ctx.Deadline, cancellationToken: ctx.Cancellation)))
                {
                    foreach (var element in System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray())
                    {
                        await call.RequestStream.WriteAsync(Parse(rpc.InputType, element.GetRawText()), ctx.Cancellation);
                    }

                    await call.RequestStream.CompleteAsync();
                    Print(ctx, await call);
                }

                break;
            default:
                throw CliException.Usage($"METHOD: {rpc.Name} streams both ways; mcctl call does not drive bidirectional streams.");
        }
    }

    private static IMessage Parse(MessageDescriptor type, string json)
    {
        try
        {
            return JsonParser.Default.Parse(json, type);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw CliException.Usage($"REQUEST: not a {type.Name} in protobuf JSON ({e.Message.TrimEnd('.')}).");
        }
        catch (InvalidJsonException e)
        {
            throw CliException.Usage($"REQUEST: not JSON ({e.Message.TrimEnd('.')}).");
        }
    }

    // The JSON is the answer in both modes; tables would need a renderer per message type.
    private static void Print(CommandContext ctx, IMessage message) => ctx.Out.Emit(message, _ => Printer.Plain(Indented.Format(message)));
}
