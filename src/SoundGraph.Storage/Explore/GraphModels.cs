namespace SoundGraph.Storage.Explore;

/// <summary>A node's neighbourhood: the center, its neighbours to some depth, and every stored relation among them.</summary>
/// <param name="Center">The center's node id ("artist:12").</param>
/// <param name="Depth">Depth read, 1 or 2.</param>
/// <param name="K">Neighbours taken per node and relation kind.</param>
/// <param name="Truncated">True when the node cap stopped the walk (some neighbours were left out).</param>
/// <param name="Nodes">The center first (depth 0), then nodes in the order they were reached.</param>
/// <param name="Edges">Credit edges first, then relation edges by kind, source and target; one per unordered pair and kind.</param>
public sealed record NeighbourhoodGraph(string Center, int Depth, int K, bool Truncated, IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges);

/// <summary>A node of a <see cref="NeighbourhoodGraph"/>.</summary>
/// <param name="Id">"kind:id", e.g. "track:7".</param>
/// <param name="Kind">"track", "artist" or "user".</param>
/// <param name="EntityId">Internal id.</param>
/// <param name="Name">Display name ("Title — Artist" for tracks).</param>
/// <param name="Depth">Hops from the center: 0, 1 or 2.</param>
public sealed record GraphNode(string Id, string Kind, long EntityId, string Name, int Depth);

/// <summary>An edge of a <see cref="NeighbourhoodGraph"/>.</summary>
/// <param name="Id">"relation:sourceId:targetId", e.g. "artist_co_listen:12:40" or "credit:7:12".</param>
/// <param name="Source">Node id of the end with the smaller entity id (for credits: the track).</param>
/// <param name="Target">Node id of the other end (for credits: the artist).</param>
/// <param name="Relation">A <c>RelationKind.Code()</c> value, or "credit".</param>
/// <param name="Weight">The relation weight as defined per kind (1 for credits).</param>
/// <param name="Count">Exact evidence count (0 for audio similarity, 1 for credits).</param>
/// <param name="Why">The explanation unveil gives for the same pair ("412 shared listeners", "featured").</param>
/// <param name="Evidence">The stored evidence sample with names; null for audio similarity and credits.</param>
public sealed record GraphEdge(string Id, string Source, string Target, string Relation, double Weight, long Count, string Why, EdgeEvidence? Evidence);

/// <summary>The evidence behind a relation edge.</summary>
/// <param name="Type">"playlist", "user", "tag", "track" or "artist".</param>
/// <param name="Total">Exact number of pieces of evidence (the edge's count).</param>
/// <param name="Sample">Names of the stored sample ids (at most the sample size <c>sgr relate</c> kept; empty when it kept none).</param>
public sealed record EdgeEvidence(string Type, long Total, IReadOnlyList<string> Sample);
