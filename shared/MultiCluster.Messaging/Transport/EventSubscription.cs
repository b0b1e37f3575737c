namespace MultiCluster.Messaging.Transport;

/// <summary>A handler class registered in DI for a topic (see <c>AddEventHandler&lt;T&gt;</c>).</summary>
public sealed record EventSubscription(string Topic, Type HandlerType);
