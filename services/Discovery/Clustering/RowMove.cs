namespace MultiCluster.Discovery.Clustering;

/// <summary>Row <paramref name="Row"/> leaves cluster <paramref name="From"/> for cluster <paramref name="To"/>; −1 means none.</summary>
internal readonly record struct RowMove(int Row, int From, int To);
