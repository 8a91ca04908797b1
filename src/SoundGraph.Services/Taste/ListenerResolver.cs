using SoundGraph.Storage.Resolution;
using SoundGraph.Storage.Taste;

namespace SoundGraph.Services.Taste;

/// <summary>The outcome of resolving a listener query (<see cref="ListenerResolver.ResolveAsync"/>).</summary>
/// <param name="Listener">The user meant; null when the query matches none or several.</param>
/// <param name="Resolution">The resolver's answer, with its candidates ("did you mean") when
/// <see cref="Listener"/> is null.</param>
public sealed record ListenerResolution(EntityRef? Listener, Resolution Resolution);

/// <summary>Resolves the listener a taste command or request is for, the same way in <c>sgr taste</c> and the HTTP API.</summary>
public static class ListenerResolver
{
    /// <summary>Resolves <paramref name="query"/> — a name (s001), a stored key (spotify-export-tsv:user:s001) or an id
    /// (user:12) — through <see cref="EntityResolver.ResolveUserAsync"/>. When a name is shared by several users (a
    /// playlist owner and a listener of the same export), the one that has listens is meant, provided exactly one has.</summary>
    /// <param name="resolver">The store's resolver.</param>
    /// <param name="taste">The store's taste tables (for who has listens).</param>
    /// <param name="query">The listener as given.</param>
    /// <param name="ct">Cancels the look-up.</param>
    /// <exception cref="ArgumentException"><paramref name="query"/> is empty or white space.</exception>
    public static async Task<ListenerResolution> ResolveAsync(EntityResolver resolver, TasteStore taste, string query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(taste);
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new ArgumentException("The listener is empty: give a name (s001), a key or an id (user:12).", nameof(query));
        }

        var resolution = await resolver.ResolveUserAsync(query, ct).ConfigureAwait(false);
        if (resolution.Match is { } user)
        {
            return new ListenerResolution(user, resolution);
        }

        var listeners = (await taste.ListenersAsync(ct).ConfigureAwait(false)).Select(l => l.Id).ToHashSet();
        var withListens = resolution.Candidates.Where(c => c.Score == 100 && listeners.Contains(c.Entity.Id)).ToList();
        return new ListenerResolution(withListens.Count == 1 ? withListens[0].Entity : null, resolution);
    }
}
