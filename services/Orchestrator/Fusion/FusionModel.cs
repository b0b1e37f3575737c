namespace MultiCluster.Orchestrator.Fusion;

/// <summary>
/// What ML_BASED fusion learnt for one library: a calibration per list source (cluster name or domain id) and one over
/// all sources for sources it has not seen. Made by <see cref="FusionModelTrainer"/>, kept by <see cref="FusionModelStore"/>.
/// </summary>
public sealed record FusionModel(IReadOnlyDictionary<string, ScoreCalibration> Sources, ScoreCalibration Pooled, int Queries, DateTimeOffset TrainedAt)
{
    public ScoreCalibration For(string source) => Sources.TryGetValue(source, out var calibration) ? calibration : Pooled;
}
