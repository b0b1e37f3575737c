namespace MultiCluster.Messaging.Dapr.Subscriptions;

/// <summary>Set by <c>MapDaprAppCallback</c>, read by <see cref="DaprStartupCheck"/>: without the callback no event arrives.</summary>
internal sealed class DaprAppCallbackMapping
{
    public bool Mapped { get; set; }
}
