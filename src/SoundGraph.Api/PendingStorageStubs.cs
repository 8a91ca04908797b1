// TEMPORARY: the storage read services (branch api-store) are written in parallel. These internal stand-ins carry their
// published signatures so the API builds; every member throws. Delete this file when api-store is merged.
#pragma warning disable CS1591, CA1822, CA1812, IDE0060 // stand-ins: no docs, no bodies
using System.Data.Common;
using SoundGraph.Core.Relations;
using SoundGraph.Core.Unveil;
using SoundGraph.Storage.Explore;
using SoundGraph.Storage.Models;
using SoundGraph.Storage.Resolution;
using SoundGraph.Storage.Unveil;

namespace SoundGraph.Storage
{
    internal sealed record StoreSummary(string Provider, long Tracks, long Artists, long Users, long Relations);

    internal sealed class StoreReadSession : IAsyncDisposable
    {
        public DbConnection Connection => throw new NotImplementedException();

        public EntityResolver Resolver => throw new NotImplementedException();

        public UnveilReader Unveil => throw new NotImplementedException();

        public SearchReader Search => throw new NotImplementedException();

        public DetailsReader Details => throw new NotImplementedException();

        public GraphReader Graph => throw new NotImplementedException();

        public EmbeddingSearch Embeddings => throw new NotImplementedException();

        public ModelStore Models => throw new NotImplementedException();

        public static Task<StoreReadSession> OpenAsync(StoreLocation location, CancellationToken cancellationToken) => throw new NotImplementedException();

        public Task<StoreSummary> SummaryAsync(CancellationToken cancellationToken) => throw new NotImplementedException();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    internal static class PendingStorageExtensions
    {
        public static Task<EntityRef?> FindByIdAsync(this EntityResolver resolver, string kind, long id, CancellationToken cancellationToken) => throw new NotImplementedException();

        public static Task<UnveilSection> RelatedSectionAsync(this UnveilReader reader, RelationKind kind, long id, int limit, CancellationToken cancellationToken) => throw new NotImplementedException();
    }
}

namespace SoundGraph.Storage.Explore
{
    internal sealed record SearchHit(string Kind, long Id, string Name, string Detail, double Score);

    internal sealed class SearchReader
    {
        public Task<IReadOnlyList<SearchHit>> SearchAsync(string query, string? kind, int limit, CancellationToken cancellationToken) => throw new NotImplementedException();
    }

    internal sealed record TrackView(long Id, string Key, string Title, string Name);

    internal sealed record ArtistView(long Id, string Key, string Name);

    internal sealed record UserView(long Id, string Key, string Name);

    internal sealed class DetailsReader
    {
        public Task<TrackView?> TrackAsync(long id, CancellationToken cancellationToken) => throw new NotImplementedException();

        public Task<ArtistView?> ArtistAsync(long id, CancellationToken cancellationToken) => throw new NotImplementedException();

        public Task<UserView?> UserAsync(long id, CancellationToken cancellationToken) => throw new NotImplementedException();
    }

    internal sealed record EdgeEvidence(string Type, long Total, IReadOnlyList<string> Sample);

    internal sealed record GraphNode(string Id, string Kind, long EntityId, string Name, int Depth);

    internal sealed record GraphEdge(string Id, string Source, string Target, string Relation, double Weight, long Count, string Why, EdgeEvidence? Evidence);

    internal sealed record NeighbourhoodGraph(string Center, int Depth, int K, bool Truncated, IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges);

    internal sealed class GraphReader
    {
        public Task<NeighbourhoodGraph?> ReadAsync(NodeType type, long id, int depth, int k, IReadOnlyList<RelationKind>? kinds = null, int maxNodes = 400, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    }
}

namespace SoundGraph.Storage.Models
{
    internal sealed record EmbeddingNeighbour(int Rank, long TrackId, string Title, string? Artist, double Cosine);

    internal sealed class EmbeddingSearch
    {
        public static IReadOnlyDictionary<string, string> EmbeddingNames { get; } = new Dictionary<string, string> { ["sage"] = "sage", ["raw"] = "sage-raw", ["fastrp"] = "sage-fastrp" };

        public Task<IReadOnlyList<EmbeddingNeighbour>?> NearestTracksAsync(string model, long trackId, int limit, CancellationToken cancellationToken) => throw new NotImplementedException();
    }
}
