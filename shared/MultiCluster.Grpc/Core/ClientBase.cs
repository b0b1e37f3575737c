namespace Grpc.Core;

/// <summary>The base of generated clients: holds the invoker that starts their calls.</summary>
public abstract class ClientBase
{
    protected ClientBase()
        : this(new UnimplementedCallInvoker())
    {
    }

    protected ClientBase(ChannelBase channel)
        : this(channel.CreateCallInvoker())
    {
    }

    protected ClientBase(CallInvoker callInvoker)
        : this(new ClientBaseConfiguration(callInvoker))
    {
    }

    protected ClientBase(ClientBaseConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Configuration = configuration;
        CallInvoker = configuration.CallInvoker;
    }

    public CallInvoker CallInvoker { get; }

    internal ClientBaseConfiguration Configuration { get; }

    /// <summary>What a client is built from; generated code passes it to NewInstance.</summary>
    protected internal class ClientBaseConfiguration
    {
        public ClientBaseConfiguration(CallInvoker callInvoker) =>
            CallInvoker = callInvoker ?? throw new ArgumentNullException(nameof(callInvoker));

        internal CallInvoker CallInvoker { get; }
    }
}

/// <summary>The base of a generated client of type T.</summary>
public abstract class ClientBase<T> : ClientBase
    where T : ClientBase<T>
{
    protected ClientBase()
    {
    }

    protected ClientBase(ChannelBase channel)
        : base(channel)
    {
    }

    protected ClientBase(CallInvoker callInvoker)
        : base(callInvoker)
    {
    }

    protected ClientBase(ClientBaseConfiguration configuration)
        : base(configuration)
    {
    }

    /// <summary>A copy of this client whose calls go through <paramref name="interceptors"/> first.</summary>
    public T WithInterceptors(params Interceptors.Interceptor[] interceptors) =>
        NewInstance(new ClientBaseConfiguration(Interceptors.CallInvokerExtensions.Intercept(CallInvoker, interceptors)));

    protected abstract T NewInstance(ClientBaseConfiguration configuration);
}
