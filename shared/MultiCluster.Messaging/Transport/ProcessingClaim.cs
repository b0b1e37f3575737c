namespace MultiCluster.Messaging.Transport;

/// <summary>The answer to claiming an event for handling; <see cref="Token"/> proves ownership when completing or releasing.</summary>
public sealed record ProcessingClaim(ClaimStatus Status, string Key, string Token);
