using Google.Protobuf;
using Grpc.Core;

namespace MultiCluster.LocalCluster.GrpcApi;

/// <summary>
/// Method descriptors of Qdrant's gRPC services, built over the message types Qdrant.Client ships (it has client
/// stubs, no server base classes): same service and method names, same wire messages, so Qdrant's own clients call
/// this node unchanged. Grpc.AspNetCore finds each handler by name on the service class and takes only public
/// virtual methods declared on the class that holds BindService (as generated base classes have them), so the
/// services are unsealed classes with virtual handlers.
/// </summary>
internal static class QdrantMethods
{
    public static Method<TRequest, TResponse> Unary<TRequest, TResponse>(string service, string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        new(MethodType.Unary, service, name, Marshal<TRequest>.Instance, Marshal<TResponse>.Instance);

    private static class Marshal<T>
        where T : class, IMessage<T>, new()
    {
        private static readonly MessageParser<T> Parser = new(() => new T());

        public static readonly Marshaller<T> Instance = Marshallers.Create(message => message.ToByteArray(), Parser.ParseFrom);
    }
}
