namespace MultiCluster.Rebalancer.Forecasting;

/// <summary>Smoothing weights of level (alpha), trend (beta) and season (gamma), each in [0, 1].</summary>
public readonly record struct SmoothingParameters(double Alpha, double Beta, double Gamma);
