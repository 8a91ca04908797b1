namespace SoundGraph.Core.Relations;

/// <summary>One directed relation row: <paramref name="DstId"/> is among <paramref name="SrcId"/>'s top neighbours.</summary>
/// <param name="Kind">Relation kind; fixes the node and evidence types.</param>
/// <param name="SrcId">Internal id of the source node.</param>
/// <param name="DstId">Internal id of the neighbour.</param>
/// <param name="Weight">Score as defined by <paramref name="Kind"/> (see <see cref="RelationKind"/>).</param>
/// <param name="Count">Exact number of pieces of evidence (shared playlists, listeners, tags, tracks).</param>
/// <param name="Evidence">A bounded sample of evidence ids (ascending), at most the builder's sample size.</param>
public sealed record Relation(RelationKind Kind, long SrcId, long DstId, double Weight, int Count, IReadOnlyList<long> Evidence);
