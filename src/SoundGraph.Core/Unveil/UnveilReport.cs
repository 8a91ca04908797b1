namespace SoundGraph.Core.Unveil;

/// <summary>What <c>sgr unveil</c> reports about one track or artist: a subject and ordered sections.</summary>
/// <param name="Subject">The resolved track or artist.</param>
/// <param name="Sections">Sections in display order; a section without data carries <see cref="UnveilSection.EmptyNote"/>.</param>
public sealed record UnveilReport(UnveilSubject Subject, IReadOnlyList<UnveilSection> Sections);

/// <summary>The entity a report is about.</summary>
/// <param name="Kind">"track" or "artist".</param>
/// <param name="Id">Internal id.</param>
/// <param name="Name">Display name ("Title — Artist" for tracks).</param>
/// <param name="Key">Source-qualified external key.</param>
public sealed record UnveilSubject(string Kind, long Id, string Name, string Key);

/// <summary>A labelled value in a section (e.g. "plays" = "3,612,231").</summary>
public sealed record UnveilFact(string Name, string Value);

/// <summary>A related item: what it is, how strongly it relates and why.</summary>
/// <param name="Kind">"track", "artist", "playlist" or "user".</param>
/// <param name="Id">Internal id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Score">Relation weight (kind-specific, see <see cref="Relations.RelationKind"/>), if scored.</param>
/// <param name="Count">Exact evidence count, if counted.</param>
/// <param name="Why">Short explanation from the evidence, e.g. "412 shared listeners".</param>
public sealed record UnveilItem(string Kind, long Id, string Name, double? Score, long? Count, string Why);

/// <summary>One section of an unveil report.</summary>
/// <param name="Key">Stable machine key ("summary", "playlists", "co_playlist", …).</param>
/// <param name="Title">Human title.</param>
/// <param name="Facts">Labelled values.</param>
/// <param name="Items">Ranked related items.</param>
/// <param name="EmptyNote">Why the section is empty, when it has neither facts nor items.</param>
public sealed record UnveilSection(string Key, string Title, IReadOnlyList<UnveilFact> Facts, IReadOnlyList<UnveilItem> Items, string? EmptyNote)
{
    /// <summary>True when the section has neither facts nor items.</summary>
    public bool IsEmpty => Facts.Count == 0 && Items.Count == 0;
}
