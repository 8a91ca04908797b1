namespace SoundGraph.Taste.Mixtape;

/// <summary>One track the selection chose, with the terms that chose it and why in words.</summary>
/// <param name="Candidate">The track.</param>
/// <param name="Rank">When it was chosen, 1 = first.</param>
/// <param name="Relevance">(1 − p) · similarity to the cluster's centre + p · min(1, minutes played / the cluster's most
/// played), 0–1 (p = <see cref="MixtapeOptions.PlaysWeight"/>).</param>
/// <param name="Redundancy">Its largest similarity to a track chosen before it, plus
/// <see cref="MixtapeOptions.SharedArtistRedundancy"/> when they share an artist: 0–1.5 by default; 0 for the first.</param>
/// <param name="Score">The MMR score it won with: λ · relevance − (1 − λ) · redundancy.</param>
/// <param name="NearestPickTrackId">The earlier pick it is most redundant with (what "adds variety" compares it to); null
/// for the first.</param>
/// <param name="InCluster">False when the pool had to reach outside the dominant cluster for it.</param>
/// <param name="Explanation">Why, from the axes that decided it: "closest to the week's centre on energy and valence",
/// "adds variety: different artist, 6 BPM faster; near the week's centre on danceability and valence".</param>
public sealed record MixtapePick(
    MixtapeCandidate Candidate,
    int Rank,
    double Relevance,
    double Redundancy,
    double Score,
    long? NearestPickTrackId,
    bool InCluster,
    string Explanation);
