using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Routing;

/// <summary>
/// One change of a library's routing table. <paramref name="Apply"/> edits a copy of the current table (an empty one
/// with the library set when there is none yet) and returns the ids of the domains it changed; none means nothing
/// changed and no version is made.
/// </summary>
/// <param name="Reason">Why, for the event and the history, e.g. "d3 moving local-a -> local-b".</param>
/// <param name="Apply">The edit.</param>
/// <param name="MigrationOperationId">The migration that made the change, if any.</param>
public sealed record RoutingEdit(string Reason, Func<RoutingTable, IReadOnlyList<string>> Apply, string? MigrationOperationId = null);
