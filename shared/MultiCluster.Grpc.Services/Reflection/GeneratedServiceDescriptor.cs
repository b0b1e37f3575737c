using System.Reflection;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace MultiCluster.Grpc.Services.Reflection;

/// <summary>Finds the descriptor that Grpc.Tools generated for a service class, from the class alone.</summary>
internal static class GeneratedServiceDescriptor
{
    /// <summary>
    /// Walks the class's base types to the generated …Base class; its BindServiceMethod attribute names the generated
    /// static service class, whose static Descriptor property is the service's descriptor. Null for classes not derived
    /// from generated code (services mapped from a ServerServiceDefinition).
    /// </summary>
    public static ServiceDescriptor? Find(Type serviceType)
    {
        for (var type = serviceType; type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is { } bind)
            {
                return FromStaticClass(bind.BindType) ?? (type.DeclaringType is { } declaring ? FromStaticClass(declaring) : null);
            }
        }

        return null;
    }

    private static ServiceDescriptor? FromStaticClass(Type type) =>
        type.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static, null, typeof(ServiceDescriptor), Type.EmptyTypes, null)
            ?.GetValue(null) as ServiceDescriptor;
}
