namespace MultiCluster.Messaging.Tests.CloudEvents;

/// <summary>
/// Events shaped like the examples of the CloudEvents 1.0 JSON event format (section 3.2), written out here; the
/// binary example's payload, elided in the specification, is real base64 ("hello\0thrift").
/// </summary>
internal static class SpecExamples
{
    public const string BinaryData = """
        {
            "specversion" : "1.0",
            "type" : "com.example.someevent",
            "source" : "/mycontext",
            "id" : "A234-1234-1234",
            "time" : "2018-04-05T17:31:00Z",
            "comexampleextension1" : "value",
            "comexampleothervalue" : 5,
            "datacontenttype" : "application/vnd.apache.thrift.binary",
            "data_base64" : "aGVsbG8AdGhyaWZ0"
        }
        """;

    public const string XmlData = """
        {
            "specversion" : "1.0",
            "type" : "com.example.someevent",
            "source" : "/mycontext",
            "id" : "B234-1234-1234",
            "time" : "2018-04-05T17:31:00Z",
            "comexampleextension1" : "value",
            "comexampleothervalue" : 5,
            "unsetextension": null,
            "datacontenttype" : "application/xml",
            "data" : "<much wow=\"xml\"/>"
        }
        """;

    public const string JsonObjectData = """
        {
            "specversion" : "1.0",
            "type" : "com.example.someevent",
            "source" : "/mycontext",
            "subject": null,
            "id" : "C234-1234-1234",
            "time" : "2018-04-05T17:31:00Z",
            "comexampleextension1" : "value",
            "comexampleothervalue" : 5,
            "datacontenttype" : "application/json",
            "data" : {
                "appinfoA" : "abc",
                "appinfoB" : 123,
                "appinfoC" : true
            }
        }
        """;

    public const string JsonStringDataWithoutContentType = """
        {
            "specversion" : "1.0",
            "type" : "com.example.someevent",
            "source" : "/mycontext",
            "subject": null,
            "id" : "D234-1234-1234",
            "time" : "2018-04-05T17:31:00Z",
            "comexampleextension1" : "value",
            "comexampleothervalue" : 5,
            "data" : "I'm just a string"
        }
        """;

    public static readonly IReadOnlyList<string> All = [BinaryData, XmlData, JsonObjectData, JsonStringDataWithoutContentType];
}
