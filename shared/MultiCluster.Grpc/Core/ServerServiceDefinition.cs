namespace Grpc.Core;

/// <summary>A service's methods bound to handler delegates, built without a generated base class.</summary>
public class ServerServiceDefinition
{
    private readonly IReadOnlyList<Action<ServiceBinderBase>> _bindings;

    private ServerServiceDefinition(IReadOnlyList<Action<ServiceBinderBase>> bindings) => _bindings = bindings;

    public static Builder CreateBuilder() => new();

    /// <summary>Replays every method into a binder.</summary>
    public void BindService(ServiceBinderBase serviceBinder)
    {
        foreach (var binding in _bindings)
        {
            binding(serviceBinder);
        }
    }

    /// <summary>Collects methods and their handlers.</summary>
    public class Builder
    {
        private readonly List<Action<ServiceBinderBase>> _bindings = [];
        private readonly HashSet<string> _names = [];

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
            where TRequest : class
            where TResponse : class => Add(method, b => b.AddMethod(method, handler));

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class
            where TResponse : class => Add(method, b => b.AddMethod(method, handler));

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class
            where TResponse : class => Add(method, b => b.AddMethod(method, handler));

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class
            where TResponse : class => Add(method, b => b.AddMethod(method, handler));

        public ServerServiceDefinition Build() => new(_bindings.ToArray());

        private Builder Add(IMethod method, Action<ServiceBinderBase> binding)
        {
            if (!_names.Add(method.FullName))
            {
                throw new ArgumentException($"Method {method.FullName} is already added to this service definition.", nameof(method));
            }

            _bindings.Add(binding);
            return this;
        }
    }
}
