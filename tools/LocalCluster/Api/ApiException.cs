namespace MultiCluster.LocalCluster.Api;

/// <summary>A request the API rejects, with the status and the whole message Qdrant would send.</summary>
public sealed class ApiException : Exception
{
    public ApiException()
    {
    }

    public ApiException(string message)
        : this(StatusCodes.Status400BadRequest, message)
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException) => StatusCode = StatusCodes.Status400BadRequest;

    public ApiException(int statusCode, string message)
        : base(message) => StatusCode = statusCode;

    public int StatusCode { get; }

    /// <summary>The body is not the JSON the endpoint takes (400), as actix words it for Qdrant.</summary>
    public static ApiException Format(string detail) => new(StatusCodes.Status400BadRequest, $"Format error in JSON body: {detail}");

    /// <summary>The body parsed but a value is out of range (422).</summary>
    public static ApiException Validation(string field, string detail) =>
        new(StatusCodes.Status422UnprocessableEntity, $"Validation error in JSON body: [{field}: {detail}]");

    /// <summary>A path parameter is not acceptable (422).</summary>
    public static ApiException PathValidation(string field, string detail) =>
        new(StatusCodes.Status422UnprocessableEntity, $"Validation error in path parameters: [{field}: {detail}]");

    /// <summary>A query parameter cannot be read (400).</summary>
    public static ApiException Query(string detail) => new(StatusCodes.Status400BadRequest, $"Deserialize error in query parameters: {detail}");

    /// <summary>Well-formed but beyond what this node does (400, "Bad request: ...").</summary>
    public static ApiException Unsupported(string detail) => new(StatusCodes.Status400BadRequest, $"Bad request: {detail}");

    /// <summary>Well-formed but wrong (400, "Wrong input: ...").</summary>
    public static ApiException WrongInput(string detail) => new(StatusCodes.Status400BadRequest, $"Wrong input: {detail}");
}
