using Dapr.AppCallback.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace MultiCluster.Messaging.Dapr.Tests.FakeSidecar;

/// <summary>
/// The sidecar's side of dapr.proto.runtime.v1.AppCallback: the calls daprd makes to its app. Dapr.Protos ships the
/// messages and the server base but no client of this service, so the two methods are bound here to Dapr's own message
/// types and service name.
/// </summary>
public sealed class AppCallbackCaller(CallInvoker invoker)
{
    private static readonly Method<Empty, ListTopicSubscriptionsResponse> ListTopicSubscriptionsMethod =
        Unary(nameof(AppCallback.AppCallbackBase.ListTopicSubscriptions), Empty.Parser, ListTopicSubscriptionsResponse.Parser);

    private static readonly Method<TopicEventRequest, TopicEventResponse> OnTopicEventMethod =
        Unary(nameof(AppCallback.AppCallbackBase.OnTopicEvent), TopicEventRequest.Parser, TopicEventResponse.Parser);

    public AsyncUnaryCall<ListTopicSubscriptionsResponse> ListTopicSubscriptionsAsync(Empty request, Metadata? headers = null) =>
        invoker.AsyncUnaryCall(ListTopicSubscriptionsMethod, null, new CallOptions(headers), request);

    public AsyncUnaryCall<TopicEventResponse> OnTopicEventAsync(TopicEventRequest request, Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default) =>
        invoker.AsyncUnaryCall(OnTopicEventMethod, null, new CallOptions(headers, deadline, cancellationToken), request);

    private static Method<TRequest, TResponse> Unary<TRequest, TResponse>(string name, MessageParser<TRequest> request, MessageParser<TResponse> response)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        new(MethodType.Unary, AppCallback.Descriptor.FullName, name,
            Marshallers.Create(m => m.ToByteArray(), request.ParseFrom), Marshallers.Create(m => m.ToByteArray(), response.ParseFrom));
}
