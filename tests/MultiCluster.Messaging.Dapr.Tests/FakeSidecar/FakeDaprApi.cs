using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace MultiCluster.Messaging.Dapr.Tests.FakeSidecar;

/// <summary>
/// The fake's dapr.proto.runtime.v1.Dapr service: PublishEvent only, taking structured CloudEvents
/// (application/cloudevents+json), which is all our transport sends. Raw payloads, which Dapr would wrap in an
/// envelope of its own, are refused so that a change in what we send shows up here. Dapr.Protos ships the messages
/// and a client of this service but no server base, so the one method is bound here by hand to Dapr's own message
/// types and names. (Grpc.AspNetCore binds only a virtual method declared on the type named by BindServiceMethod, as
/// generated bases have: hence virtual, on an unsealed class.)
/// </summary>
[BindServiceMethod(typeof(FakeDaprApi), nameof(BindService))]
public class FakeDaprApi(FakePubSub pubSub, FakeApiToken apiToken)
{
    private static readonly Method<PublishEventRequest, Empty> PublishEventMethod = new(
        MethodType.Unary,
        global::Dapr.Client.Autogen.Grpc.v1.Dapr.Descriptor.FullName,
        nameof(PublishEvent),
        Marshallers.Create(m => m.ToByteArray(), PublishEventRequest.Parser.ParseFrom),
        Marshallers.Create(m => m.ToByteArray(), Empty.Parser.ParseFrom));

    public static void BindService(ServiceBinderBase binder, FakeDaprApi? service) =>
        binder.AddMethod(PublishEventMethod, service is null ? null : service.PublishEvent);

    public virtual Task<Empty> PublishEvent(PublishEventRequest request, ServerCallContext context)
    {
        var sentToken = context.RequestHeaders.GetValue(DaprMetadata.ApiToken);
        apiToken.ThrowIfRefused(sentToken);
        if (string.IsNullOrEmpty(request.PubsubName) || string.IsNullOrEmpty(request.Topic))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "pubsub name and topic are required"));
        }

        if (request.DataContentType != "application/cloudevents+json")
        {
            throw new RpcException(new Status(StatusCode.Unimplemented, $"the fake sidecar takes structured CloudEvents only, not {request.DataContentType}"));
        }

        var envelope = FakeEnvelope.FromCloudEvent(
            request.Data, request.Topic, request.PubsubName, context.RequestHeaders.GetValue("traceparent"), context.RequestHeaders.GetValue("tracestate"));
        pubSub.Accept(request.PubsubName, request.Topic, envelope, sentToken);
        return Task.FromResult(new Empty());
    }
}
