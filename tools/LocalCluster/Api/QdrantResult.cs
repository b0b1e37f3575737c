using System.Text.Encodings.Web;
using System.Text.Json;

namespace MultiCluster.LocalCluster.Api;

/// <summary>
/// Qdrant's response envelope, written straight to the response: {"result": ..., "status": "ok", "time": s} on
/// success, {"status": {"error": "..."}, "time": s} on failure.
/// </summary>
public sealed class QdrantResult : IResult
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly int _statusCode;
    private readonly Action<Utf8JsonWriter>? _writeResult;
    private readonly string? _error;

    private QdrantResult(int statusCode, Action<Utf8JsonWriter>? writeResult, string? error)
    {
        _statusCode = statusCode;
        _writeResult = writeResult;
        _error = error;
    }

    public static QdrantResult Ok(Action<Utf8JsonWriter> writeResult) => new(StatusCodes.Status200OK, writeResult, null);

    public static QdrantResult Ok(bool result) => Ok(writer => writer.WriteBooleanValue(result));

    public static QdrantResult Error(int statusCode, string message) => new(statusCode, null, message);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = _statusCode;
        response.ContentType = "application/json";
        using (var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions))
        {
            writer.WriteStartObject();
            if (_error is null)
            {
                writer.WritePropertyName("result");
                _writeResult!(writer);
                writer.WriteString("status", "ok");
            }
            else
            {
                writer.WriteStartObject("status");
                writer.WriteString("error", _error);
                writer.WriteEndObject();
            }

            writer.WriteNumber("time", RequestTiming.Seconds(httpContext));
            writer.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
