using System.Collections.Concurrent;
using SoundGraph.Core.Catalog;

namespace SoundGraph.Ingest.Harvest;

/// <summary>Live per-layer progress of a harvest: walks discovered and finished, items kept, pages fetched. Thread-safe;
/// a console polls it to draw one progress bar per layer.</summary>
public sealed class HarvestProgress
{
    private readonly ConcurrentDictionary<string, LayerProgress> _layers = new(StringComparer.Ordinal);

    /// <summary>Progress of one layer (created on first use).</summary>
    public LayerProgress Layer(string name) => _layers.GetOrAdd(name, n => new LayerProgress(n));

    /// <summary>Every layer seen so far, in <see cref="HarvestOptions.LayerNames"/> order.</summary>
    public IReadOnlyList<LayerProgress> Layers =>
        _layers.Values.OrderBy(l => HarvestOptionsIndex(l.Name)).ThenBy(l => l.Name, StringComparer.Ordinal).ToList();

    private static int HarvestOptionsIndex(string name)
    {
        var i = HarvestOptions.LayerNames.ToList().IndexOf(name);
        return i < 0 ? int.MaxValue : i;
    }
}

/// <summary>Counters of one layer.</summary>
public sealed class LayerProgress
{
    private long _walks;
    private long _walksDone;
    private long _items;
    private long _pages;

    internal LayerProgress(string name) => Name = name;

    /// <summary>Layer name.</summary>
    public string Name { get; }

    /// <summary>Walks (collection crawls) discovered.</summary>
    public long Walks => Interlocked.Read(ref _walks);

    /// <summary>Walks finished.</summary>
    public long WalksDone => Interlocked.Read(ref _walksDone);

    /// <summary>Items kept.</summary>
    public long Items => Interlocked.Read(ref _items);

    /// <summary>Pages fetched.</summary>
    public long Pages => Interlocked.Read(ref _pages);

    internal void AddWalks(long n) => Interlocked.Add(ref _walks, n);

    internal void WalkDone() => Interlocked.Increment(ref _walksDone);

    internal void Page(long kept)
    {
        Interlocked.Increment(ref _pages);
        Interlocked.Add(ref _items, kept);
    }
}

/// <summary>What a harvest stored, by distinct key, and what it cost. Thread-safe while the harvest runs.</summary>
public sealed class HarvestStats
{
    private readonly ConcurrentDictionary<string, byte> _tracks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _playlists = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _labels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _engagements = new(StringComparer.Ordinal);
    private readonly long[] _byKind = new long[4];
    private long _entities;

    /// <summary>Distinct tracks written.</summary>
    public long Tracks => _tracks.Count;

    /// <summary>Distinct users written.</summary>
    public long Users => _users.Count;

    /// <summary>Distinct playlists written.</summary>
    public long Playlists => _playlists.Count;

    /// <summary>Distinct labels written.</summary>
    public long Labels => _labels.Count;

    /// <summary>Entity walks (credited or mentioned names) started from the seed.</summary>
    public long Entities => Interlocked.Read(ref _entities);

    /// <summary>Distinct engagements written, by kind.</summary>
    public IReadOnlyDictionary<EngagementKind, long> EngagementsByKind =>
        Enum.GetValues<EngagementKind>().ToDictionary(k => k, k => Interlocked.Read(ref _byKind[(int)k]));

    /// <summary>HTTP requests sent (each attempt).</summary>
    public long Requests { get; internal set; }

    /// <summary>Retried requests.</summary>
    public long Retries { get; internal set; }

    /// <summary>429 answers received.</summary>
    public long RateLimited { get; internal set; }

    /// <summary>Wall-clock seconds of the harvest.</summary>
    public double Seconds { get; internal set; }

    internal void Count(CatalogBatch batch)
    {
        foreach (var t in batch.Tracks)
        {
            _tracks.TryAdd(t.Key, 0);
        }

        foreach (var u in batch.Users)
        {
            _users.TryAdd(u.Key, 0);
        }

        foreach (var p in batch.Playlists)
        {
            _playlists.TryAdd(p.Key, 0);
        }

        foreach (var l in batch.Labels)
        {
            _labels.TryAdd(l.Key, 0);
        }

        foreach (var e in batch.Engagements)
        {
            if (_engagements.TryAdd($"{(int)e.Kind}|{e.UserKey}|{(int)e.TargetType}|{e.TargetKey}", 0))
            {
                Interlocked.Increment(ref _byKind[(int)e.Kind]);
            }
        }
    }

    internal void AddEntities(long n) => Interlocked.Add(ref _entities, n);
}
