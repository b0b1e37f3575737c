using System.Text.Json.Nodes;
using Grpc.Core;

namespace MultiCluster.Messaging.Dapr.Tests.FakeSidecar;

/// <summary>An event the fake accepted on PublishEvent (or dead-lettered), as the envelope Dapr would store.</summary>
public sealed record PublishedEvent(string PubSubName, string Topic, JsonObject Envelope, string? ApiToken)
{
    public string? Id => Envelope["id"]?.GetValue<string>();

    public override string ToString() => $"{Topic}:{Id}";
}

/// <summary>One OnTopicEvent call: the app's answer, or the gRPC status of the call when it failed.</summary>
public sealed record DeliveryAttempt(string AppId, string Topic, string EventId, string Outcome)
{
    public const string Success = "SUCCESS";
    public const string Retry = "RETRY";
    public const string Drop = "DROP";

    public static string CallFailed(StatusCode code) => $"call failed: {code}";

    public override string ToString() => $"{AppId}/{Topic}/{EventId}: {Outcome}";
}

/// <summary>A call that reached the sidecar with dapr-app-id (its first value), whether it was marked dapr-stream, and the HTTP status the target answered.</summary>
public sealed record ProxiedCall(string AppId, string Path, string? ApiToken, bool Stream, int HttpStatus);
