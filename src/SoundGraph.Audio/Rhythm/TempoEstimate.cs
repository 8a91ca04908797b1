namespace SoundGraph.Audio.Rhythm;

/// <summary>An estimated tempo with its beats.</summary>
/// <param name="Bpm">Tempo in beats per minute.</param>
/// <param name="Confidence">0…1: the onset envelope's normalized autocorrelation at the beat period (1 = perfectly periodic).</param>
/// <param name="BeatTimes">Beat positions in seconds from the start (Ellis 2007 dynamic programming).</param>
public sealed record TempoEstimate(double Bpm, double Confidence, IReadOnlyList<double> BeatTimes);
