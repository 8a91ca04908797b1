namespace SoundGraph.Storage;

/// <summary>The key → id caches a catalog writer fills while it writes (one per keyed table, tags by normalized name),
/// with the checkpoint that a failed batch rolls them back to: ids of a rolled-back batch must not stay cached, since the
/// database no longer holds them. Shared by the SQLite and PostgreSQL writers.</summary>
internal sealed class CatalogKeyCache
{
    public Dictionary<string, long> Artists { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> Labels { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> Users { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> Tracks { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> Playlists { get; } = new(StringComparer.Ordinal);

    /// <summary>Tag ids by normalized tag name.</summary>
    public Dictionary<string, long> Tags { get; } = new(StringComparer.Ordinal);

    private Dictionary<string, long>[] All => [Artists, Labels, Users, Tracks, Playlists, Tags];

    /// <summary>Forgets every id (another writer may have deleted or replaced rows since they were cached).</summary>
    public void Clear()
    {
        foreach (var c in All)
        {
            c.Clear();
        }
    }

    /// <summary>The cache sizes before a batch.</summary>
    public int[] Checkpoint() => All.Select(c => c.Count).ToArray();

    /// <summary>After a failed batch: clears every cache that grew since <paramref name="checkpoint"/> (entries are
    /// looked up again on demand).</summary>
    public void Rollback(int[] checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var caches = All;
        for (var i = 0; i < caches.Length; i++)
        {
            if (caches[i].Count != checkpoint[i])
            {
                caches[i].Clear();
            }
        }
    }

    /// <summary>Adds <paramref name="n"/> to the per-table "stored" count a writer returns (zero counts are left out).</summary>
    public static void AddStored(SortedDictionary<string, long> stored, string table, long n)
    {
        if (n > 0)
        {
            stored[table] = stored.TryGetValue(table, out var v) ? v + n : n;
        }
    }
}
