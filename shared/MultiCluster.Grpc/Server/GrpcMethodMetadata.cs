using Grpc.Core;

namespace Grpc.AspNetCore.Server;

/// <summary>Endpoint metadata naming the gRPC method an endpoint serves (reflection and health read it).</summary>
public sealed record GrpcMethodMetadata(Type ServiceType, IMethod Method);
