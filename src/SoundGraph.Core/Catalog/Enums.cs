namespace SoundGraph.Core.Catalog;

/// <summary>The role of an artist on a track (DESIGN.md, track_credits).</summary>
public enum CreditRole
{
    /// <summary>Main credited artist.</summary>
    Primary = 0,

    /// <summary>Featured or co-credited artist.</summary>
    Featured = 1,

    /// <summary>Remixer.</summary>
    Remixer = 2,

    /// <summary>Producer.</summary>
    Producer = 3,
}

/// <summary>What a user did with a track or an artist.</summary>
public enum EngagementKind
{
    /// <summary>A like / favourite.</summary>
    Like = 0,

    /// <summary>A repost.</summary>
    Repost = 1,

    /// <summary>A comment.</summary>
    Comment = 2,

    /// <summary>Plays, with a count (e.g. HetRec user→artist play counts).</summary>
    Play = 3,
}

/// <summary>The type of entity an engagement or a key points at.</summary>
public enum TargetType
{
    /// <summary>A track.</summary>
    Track = 0,

    /// <summary>An artist.</summary>
    Artist = 1,
}
