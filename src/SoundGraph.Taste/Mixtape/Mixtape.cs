namespace SoundGraph.Taste.Mixtape;

/// <summary>A pick at its place in the running order (<see cref="FlowOrder"/>).</summary>
/// <param name="Position">1-based place in the mix.</param>
/// <param name="Pick">The pick.</param>
/// <param name="StartS">Seconds from the start of the mix at which it starts.</param>
/// <param name="KeySteps">Camelot steps from the previous track's key; null for the first or when a key is unknown.</param>
/// <param name="TempoChangeBpm">Its tempo minus the previous track's, BPM; null for the first.</param>
/// <param name="TransitionCost">The flow cost of the move from the previous track; null for the first.</param>
public sealed record MixtapeTrack(int Position, MixtapePick Pick, double StartS, int? KeySteps, double? TempoChangeBpm, double? TransitionCost);

/// <summary>A built mixtape (<see cref="MixtapeBuilder.Build"/>).</summary>
/// <param name="Tracks">The tracks in running order.</param>
/// <param name="TotalMinutes">Their total duration, minutes (60–90).</param>
/// <param name="Cluster">The dominant cluster the selection centred on.</param>
/// <param name="Candidates">Candidates clustered (at most <see cref="MixtapeOptions.MaxCandidates"/>).</param>
/// <param name="TooLong">Candidates left out for lasting longer than <see cref="MixtapeOptions.MaxTrackMinutes"/>.</param>
/// <param name="Pool">Candidates the selection chose from: the cluster, widened when it was too short.</param>
/// <param name="Bandwidth">The similarity kernel's bandwidth h, <see cref="MixtapeSpace"/> units.</param>
/// <param name="Options">The options used.</param>
public sealed record Mixtape(
    IReadOnlyList<MixtapeTrack> Tracks,
    double TotalMinutes,
    MixtapeCluster Cluster,
    int Candidates,
    int TooLong,
    int Pool,
    double Bandwidth,
    MixtapeOptions Options);
