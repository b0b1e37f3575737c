using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using MultiCluster.Messaging.CloudEvents;
using Xunit;

namespace MultiCluster.Messaging.Tests.CloudEvents;

/// <summary>Our rules over the SDK's JSON format: every broken event refused with what is wrong, trace context carried.</summary>
public sealed class CloudEventFormatTests
{
    [Theory]
    [InlineData("""{"specversion":"1.0","source":"/s","type":"t"}""", "id")]
    [InlineData("""{"specversion":"1.0","id":"","source":"/s","type":"t"}""", "id")]
    [InlineData("""{"specversion":"1.0","id":"1","type":"t"}""", "source")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s"}""", "type")]
    [InlineData("""{"specversion":"0.3","id":"1","source":"/s","type":"t"}""", "0.3")]
    [InlineData("""{"id":"1","source":"/s","type":"t"}""", "specversion")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"t","datacontenttype":5}""", "datacontenttype")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"t","data":{},"data_base64":"AA=="}""", "data_base64")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"t","data_base64":"not base64!"}""", "base64")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"t","time":"5 April 2018"}""", "time")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"t","comExample":"x"}""", "comExample")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"t","nested":{"a":1}}""", "nested")]
    [InlineData("""{"specversion":"1.0","id":1,"source":"/s","type":"t"}""", "id")]
    [InlineData("""[{"specversion":"1.0","id":"1","source":"/s","type":"t"}]""", "object")]
    [InlineData("""{"specversion":"1.0",""", "Not JSON")]
    public void Event_breaking_a_rule_of_the_format_is_refused_naming_the_rule(string json, string expected)
    {
        var failure = Assert.Throws<CloudEventFormatException>(() => CloudEventFormat.Decode(Encoding.UTF8.GetBytes(json)));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trace_context_round_trips_as_the_distributed_tracing_extension()
    {
        var cloudEvent = new CloudEvent { Id = "1", Source = new Uri("s", UriKind.Relative), Type = "t" }
            .SetTraceContext("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "congo=t61rcWkgMzE");

        var encoded = CloudEventFormat.Encode(cloudEvent);
        var json = JsonDocument.Parse(encoded).RootElement;
        var back = CloudEventFormat.Decode(encoded);

        Assert.Equal(cloudEvent.GetTraceParent(), json.GetProperty("traceparent").GetString());
        Assert.Equal((cloudEvent.GetTraceParent(), cloudEvent.GetTraceState()), (back.GetTraceParent(), back.GetTraceState()));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("application/json", true)]
    [InlineData("application/json; charset=utf-8", true)]
    [InlineData("text/json", true)]
    [InlineData("application/cloudevents+json", true)]
    [InlineData("application/xml", false)]
    [InlineData("application/protobuf", false)]
    [InlineData("text/plain", false)]
    public void Json_content_types_are_the_json_subtype_or_a_json_suffix(string? contentType, bool isJson) =>
        Assert.Equal(isJson, CloudEventFormat.IsJson(contentType));
}
