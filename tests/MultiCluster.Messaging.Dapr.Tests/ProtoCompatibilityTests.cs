using Google.Protobuf.Reflection;
using MultiCluster.Messaging.Dapr.Protos;
using Xunit;

namespace MultiCluster.Messaging.Dapr.Tests;

/// <summary>
/// Our copies of Dapr's protos against the numbers in Dapr's own files (github.com/dapr/dapr, dapr/proto/runtime/v1):
/// the sidecar matches on package, service and method names and decodes by field number, so these must never drift.
/// </summary>
public sealed class ProtoCompatibilityTests
{
    [Theory]
    [InlineData("dapr.proto.runtime.v1.AppCallback", "ListTopicSubscriptions", "google.protobuf.Empty", "dapr.proto.runtime.v1.ListTopicSubscriptionsResponse")]
    [InlineData("dapr.proto.runtime.v1.AppCallback", "OnTopicEvent", "dapr.proto.runtime.v1.TopicEventRequest", "dapr.proto.runtime.v1.TopicEventResponse")]
    [InlineData("dapr.proto.runtime.v1.AppCallbackHealthCheck", "HealthCheck", "google.protobuf.Empty", "dapr.proto.runtime.v1.HealthCheckResponse")]
    [InlineData("dapr.proto.runtime.v1.Dapr", "PublishEvent", "dapr.proto.runtime.v1.PublishEventRequest", "google.protobuf.Empty")]
    public void Methods_HaveDaprsNamesAndMessages(string service, string method, string input, string output)
    {
        var found = Services.Single(s => s.FullName == service).FindMethodByName(method);

        Assert.Equal((input, output), (found.InputType.FullName, found.OutputType.FullName));
    }

    [Theory]
    [InlineData("TopicEventRequest", "id", 1)]
    [InlineData("TopicEventRequest", "source", 2)]
    [InlineData("TopicEventRequest", "type", 3)]
    [InlineData("TopicEventRequest", "spec_version", 4)]
    [InlineData("TopicEventRequest", "data_content_type", 5)]
    [InlineData("TopicEventRequest", "topic", 6)]
    [InlineData("TopicEventRequest", "data", 7)]
    [InlineData("TopicEventRequest", "pubsub_name", 8)]
    [InlineData("TopicEventRequest", "path", 9)]
    [InlineData("TopicEventRequest", "extensions", 10)]
    [InlineData("TopicEventResponse", "status", 1)]
    [InlineData("ListTopicSubscriptionsResponse", "subscriptions", 1)]
    [InlineData("TopicSubscription", "pubsub_name", 1)]
    [InlineData("TopicSubscription", "topic", 2)]
    [InlineData("TopicSubscription", "metadata", 3)]
    [InlineData("TopicSubscription", "routes", 5)]
    [InlineData("TopicSubscription", "dead_letter_topic", 6)]
    [InlineData("TopicSubscription", "bulk_subscribe", 7)]
    [InlineData("PublishEventRequest", "pubsub_name", 1)]
    [InlineData("PublishEventRequest", "topic", 2)]
    [InlineData("PublishEventRequest", "data", 3)]
    [InlineData("PublishEventRequest", "data_content_type", 4)]
    [InlineData("PublishEventRequest", "metadata", 5)]
    public void Fields_HaveDaprsNumbers(string message, string field, int number)
    {
        var descriptor = Messages.Single(m => m.FullName == "dapr.proto.runtime.v1." + message);

        Assert.Equal(number, descriptor.FindFieldByName(field).FieldNumber);
    }

    [Fact]
    public void ResponseStatuses_HaveDaprsValues() =>
        Assert.Equal(
            [("SUCCESS", 0), ("RETRY", 1), ("DROP", 2)],
            TopicEventResponse.Descriptor.EnumTypes.Single().Values.Select(v => (v.Name, v.Number)));

    [Fact]
    public void Files_KeepDaprsPaths() =>
        Assert.Equal(
            ["dapr/proto/runtime/v1/appcallback.proto", "dapr/proto/runtime/v1/dapr.proto", "dapr/proto/runtime/v1/pubsub.proto"],
            new[] { AppcallbackReflection.Descriptor, DaprReflection.Descriptor, PubsubReflection.Descriptor }.Select(f => f.Name));

    private static IEnumerable<FileDescriptor> Files => [AppcallbackReflection.Descriptor, DaprReflection.Descriptor, PubsubReflection.Descriptor];

    private static IEnumerable<ServiceDescriptor> Services => Files.SelectMany(f => f.Services);

    private static IEnumerable<MessageDescriptor> Messages => Files.SelectMany(f => f.MessageTypes);
}
