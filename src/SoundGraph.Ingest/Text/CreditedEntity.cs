namespace SoundGraph.Ingest.Text;

/// <summary>How a name is credited on a track, as read from its title or description by <see cref="CreditParser"/>.</summary>
public enum CreditKind
{
    /// <summary>"feat. X", "ft. X", "featuring X", bracketed or bare.</summary>
    Featured,

    /// <summary>"(with X)" at the start of a bracket, or "w/ X".</summary>
    With,

    /// <summary>One of two or more names in the artist part of an "Artist - Title" upload ("A x B - Song", "A &amp; B - Song").</summary>
    Collaborator,

    /// <summary>One of the names in an artist part joined by "vs" / "vs." / "v." ("Jay-Z vs. Linkin Park - Numb/Encore").</summary>
    Versus,

    /// <summary>"(X Remix)", "[X Edit]", "Song - X Remix", "remixed by X".</summary>
    Remixer,

    /// <summary>"prod. X", "prod. by X", "produced by X".</summary>
    Producer,

    /// <summary>"@permalink": a SoundCloud user mention; the name is the permalink without the "@".</summary>
    Mention,
}

/// <summary>A name credited on a track and how it is credited.</summary>
/// <param name="Name">The name as written (trimmed of surrounding punctuation); for <see cref="CreditKind.Mention"/> the
/// permalink without the "@".</param>
/// <param name="Kind">How the name is credited.</param>
public sealed record CreditedEntity(string Name, CreditKind Kind);
