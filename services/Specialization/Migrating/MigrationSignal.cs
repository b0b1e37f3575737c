using MultiCluster.ServiceDefaults.Watching;

namespace MultiCluster.Specialization.Migrating;

/// <summary>Wakes this process's migration watchers (and its job claimer) when a migration row has been stored.</summary>
public sealed class MigrationSignal : ChangeSignal;
