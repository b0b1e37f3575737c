using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiCluster.Messaging.CloudEvents;
using Xunit;

namespace MultiCluster.Messaging.Tests.CloudEvents;

public sealed class CloudEventJsonTests
{
    private static readonly DateTimeOffset ExampleTime = new(2018, 4, 5, 17, 31, 0, TimeSpan.Zero);

    [Fact]
    public void Binary_example_reads_its_attributes_extensions_and_base64_data()
    {
        var cloudEvent = Parse(SpecExamples.BinaryData);

        Assert.Equal(("A234-1234-1234", "/mycontext", "com.example.someevent", "1.0"), (cloudEvent.Id, cloudEvent.Source, cloudEvent.Type, cloudEvent.SpecVersion));
        Assert.Equal(ExampleTime, cloudEvent.Time);
        Assert.Equal("application/vnd.apache.thrift.binary", cloudEvent.DataContentType);
        Assert.Equal("value", cloudEvent.Extensions["comexampleextension1"].GetString());
        Assert.Equal(5, cloudEvent.Extensions["comexampleothervalue"].GetInt32());
        Assert.Equal("hello\0thrift"u8.ToArray(), cloudEvent.BinaryData!.Value.ToArray());
        Assert.Null(cloudEvent.Data);
    }

    [Fact]
    public void Xml_example_keeps_its_data_as_a_string_and_treats_null_extensions_as_unset()
    {
        var cloudEvent = Parse(SpecExamples.XmlData);

        Assert.Equal("application/xml", cloudEvent.DataContentType);
        Assert.Equal("<much wow=\"xml\"/>", cloudEvent.Data!.Value.GetString());
        Assert.False(cloudEvent.Extensions.ContainsKey("unsetextension"));
        Assert.Equal(2, cloudEvent.Extensions.Count);
    }

    [Fact]
    public void Json_object_example_keeps_its_data_as_json_and_null_subject_as_unset()
    {
        var cloudEvent = Parse(SpecExamples.JsonObjectData);

        Assert.Null(cloudEvent.Subject);
        var data = cloudEvent.Data!.Value;
        Assert.Equal(("abc", 123, true), (data.GetProperty("appinfoA").GetString(), data.GetProperty("appinfoB").GetInt32(), data.GetProperty("appinfoC").GetBoolean()));
    }

    [Fact]
    public void Json_string_example_without_content_type_is_json_data_not_a_nested_document()
    {
        var cloudEvent = Parse(SpecExamples.JsonStringDataWithoutContentType);

        Assert.Null(cloudEvent.DataContentType);
        Assert.True(ContentTypes.IsJson(cloudEvent.DataContentType));
        Assert.Equal(JsonValueKind.String, cloudEvent.Data!.Value.ValueKind);
        Assert.Equal("I'm just a string", cloudEvent.Data.Value.GetString());
    }

    [Fact]
    public void Every_example_writes_back_to_the_same_json_less_its_null_members()
    {
        foreach (var example in SpecExamples.All)
        {
            var written = JsonNode.Parse(CloudEventJson.Serialize(Parse(example)));

            var expected = WithoutNulls(JsonNode.Parse(example)!.AsObject());
            expected["time"] = "2018-04-05T17:31:00Z";
            Assert.True(JsonNode.DeepEquals(expected, written), $"expected {expected.ToJsonString()}\n   wrote {written!.ToJsonString()}");
        }
    }

    [Fact]
    public void Explicit_null_data_is_a_null_payload_distinct_from_no_data()
    {
        var cloudEvent = Parse("""{"specversion":"1.0","id":"1","source":"/s","type":"t","data":null}""");

        Assert.Equal(JsonValueKind.Null, cloudEvent.Data!.Value.ValueKind);
        Assert.Contains("\"data\":null", Encoding.UTF8.GetString(CloudEventJson.Serialize(cloudEvent)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"specversion":"1.0","source":"/s","type":"t"}""", "'id'")]
    [InlineData("""{"specversion":"1.0","id":"","source":"/s","type":"t"}""", "'id'")]
    [InlineData("""{"specversion":"1.0","id":"1","type":"t"}""", "'source'")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s"}""", "'type'")]
    [InlineData("""{"specversion":"0.3","id":"1","source":"/s","type":"t"}""", "specversion '0.3'")]
    [InlineData("""{"id":"1","source":"/s","type":"t"}""", "'specversion'")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"t","data":{},"data_base64":"AA=="}""", "never both")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"t","data_base64":"not base64!"}""", "base64")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"t","time":"5 April 2018"}""", "RFC 3339")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"t","time":"2018-04-05T17:31:00"}""", "RFC 3339")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"t","comExample":"x"}""", "'comExample'")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"t","nested":{"a":1}}""", "'nested'")]
    [InlineData("""{"specversion":"1.0","id":1,"source":"/s","type":"t"}""", "'id' must be a JSON string")]
    [InlineData("""[{"specversion":"1.0","id":"1","source":"/s","type":"t"}]""", "object")]
    [InlineData("""{"specversion":"1.0",""", "Not JSON")]
    public void Event_breaking_a_rule_of_the_format_is_refused_naming_the_rule(string json, string expected)
    {
        var failure = Assert.Throws<CloudEventFormatException>(() => Parse(json));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Time_is_written_as_rfc3339_in_utc()
    {
        var cloudEvent = new CloudEvent { Id = "1", Source = "s", Type = "t", Time = new DateTimeOffset(2026, 1, 2, 5, 4, 5, 123, TimeSpan.FromHours(2)) };

        var written = JsonDocument.Parse(CloudEventJson.Serialize(cloudEvent)).RootElement.GetProperty("time").GetString();

        Assert.Equal("2026-01-02T03:04:05.123Z", written);
    }

    [Fact]
    public void Trace_context_round_trips_as_the_distributed_tracing_extension()
    {
        var cloudEvent = new CloudEvent
        {
            Id = "1",
            Source = "s",
            Type = "t",
            TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            TraceState = "congo=t61rcWkgMzE",
        };

        var json = JsonDocument.Parse(CloudEventJson.Serialize(cloudEvent)).RootElement;
        var back = CloudEventJson.Parse(json);

        Assert.Equal(cloudEvent.TraceParent, json.GetProperty("traceparent").GetString());
        Assert.Equal((cloudEvent.TraceParent, cloudEvent.TraceState), (back.TraceParent, back.TraceState));
        Assert.Empty(back.Extensions);
    }

    [Fact]
    public void Writing_an_event_with_both_kinds_of_data_is_refused()
    {
        var cloudEvent = new CloudEvent { Id = "1", Source = "s", Type = "t", BinaryData = new byte[] { 1 }, Data = JsonDocument.Parse("1").RootElement };

        Assert.Throws<ArgumentException>(() => CloudEventJson.Serialize(cloudEvent));
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
        Assert.Equal(isJson, ContentTypes.IsJson(contentType));

    private static CloudEvent Parse(string json) => CloudEventJson.Parse(Encoding.UTF8.GetBytes(json));

    private static JsonObject WithoutNulls(JsonObject json)
    {
        foreach (var name in json.Where(p => p.Value is null && p.Key != "data").Select(p => p.Key).ToList())
        {
            json.Remove(name);
        }

        return json;
    }
}
