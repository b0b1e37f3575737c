using CloudNative.CloudEvents;

namespace MultiCluster.Messaging;

/// <summary>Handles one event of a topic. Completing acknowledges it; throwing has it delivered again (then dead-lettered).</summary>
public delegate Task TopicHandler(CloudEvent cloudEvent, CancellationToken cancellationToken);
