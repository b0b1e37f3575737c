namespace MultiCluster.Orchestrator.Routing;

/// <summary>
/// One sampled query of a calibration: its domains ranked by closeness, and each domain's own top hits (ids with
/// higher-is-better scores), from which both the exhaustive answer (all domains merged) and the routed answer at any
/// margin (the probed domains merged) follow exactly.
/// </summary>
public sealed record CalibrationQuery(IReadOnlyList<DomainScore> Ranked, IReadOnlyDictionary<string, IReadOnlyList<(string Id, double Score)>> HitsByDomain);
