using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Reflection.V1;
using Case = Grpc.Reflection.V1.ServerReflectionRequest.MessageRequestOneofCase;

namespace MultiCluster.Grpc.Services.Reflection;

/// <summary>Answers one server reflection request from an index, as doc/server-reflection.md describes (v1 messages).</summary>
internal static class ReflectionAnswers
{
    public static ServerReflectionResponse Answer(DescriptorIndex index, ServerReflectionRequest request)
    {
        var response = request.MessageRequestCase switch
        {
            Case.ListServices => ListServices(index),
            Case.FileByFilename => Files(index.FindFileByName(request.FileByFilename),
                $"File '{request.FileByFilename}' is not known to this server. Names are as protoc saw them (for example 'grpc/health/v1/health.proto'); file_containing_symbol finds a file by what it declares."),
            Case.FileContainingSymbol => Files(index.FindFileContainingSymbol(request.FileContainingSymbol), UnknownSymbol(index, request.FileContainingSymbol)),
            Case.FileContainingExtension => Files(
                index.FindFileContainingExtension(request.FileContainingExtension.ContainingType, request.FileContainingExtension.ExtensionNumber),
                $"No extension of '{request.FileContainingExtension.ContainingType}' with field number {request.FileContainingExtension.ExtensionNumber} is known to this server."),
            Case.AllExtensionNumbersOfType => ExtensionNumbers(index, request.AllExtensionNumbersOfType),
            _ => Error(StatusCode.Unimplemented,
                "The request sets none of the message_request kinds this server answers: list_services, file_by_filename, file_containing_symbol, file_containing_extension, all_extension_numbers_of_type."),
        };
        response.ValidHost = request.Host;
        response.OriginalRequest = request;
        return response;
    }

    private static ServerReflectionResponse ListServices(DescriptorIndex index)
    {
        var list = new ListServiceResponse();
        list.Service.AddRange(index.Services.Select(name => new ServiceResponse { Name = name }));
        return new ServerReflectionResponse { ListServicesResponse = list };
    }

    private static ServerReflectionResponse Files(FileDescriptor? file, string notFound)
    {
        if (file is null)
        {
            return Error(StatusCode.NotFound, notFound);
        }

        var files = new FileDescriptorResponse();
        files.FileDescriptorProto.AddRange(DescriptorIndex.WithDependencies(file).Select(f => f.SerializedData));
        return new ServerReflectionResponse { FileDescriptorResponse = files };
    }

    private static ServerReflectionResponse ExtensionNumbers(DescriptorIndex index, string messageType)
    {
        if (index.FindExtensionNumbers(messageType) is not { } numbers)
        {
            return Error(StatusCode.NotFound, $"Message type '{messageType}' is not known to this server; give its fully-qualified name (package.Message).");
        }

        var response = new ExtensionNumberResponse { BaseTypeName = messageType };
        response.ExtensionNumber.AddRange(numbers);
        return new ServerReflectionResponse { AllExtensionNumbersResponse = response };
    }

    private static string UnknownSymbol(DescriptorIndex index, string symbol) =>
        index.Services.Contains(symbol, StringComparer.Ordinal)
            ? $"Service '{symbol}' is served here but was mapped without generated code (a ServerServiceDefinition), so there is no file descriptor to send."
            : $"Symbol '{symbol}' is not declared in any file this server can describe. Use a fully-qualified name (package.Service, package.Service.Method, package.Message); list_services shows what is served.";

    private static ServerReflectionResponse Error(StatusCode code, string message) =>
        new() { ErrorResponse = new ErrorResponse { ErrorCode = (int)code, ErrorMessage = message } };
}
