namespace SoundGraph.Storage.Accounts;

/// <summary>Which listeners (users) are private. An owner's explicit choice (<c>users.visibility</c>) wins; without one,
/// listeners from personal imports and syncs are private and those from public datasets public (issue 17; DESIGN.md
/// "Listeners from public datasets (HetRec, MPD) are public data").</summary>
public static class UserVisibility
{
    /// <summary>Stored value of an explicit public listener.</summary>
    public const string Public = "public";

    /// <summary>Stored value of an explicit private listener.</summary>
    public const string Private = "private";

    /// <summary>Key prefixes of personal sources: named listeners (<c>--listener</c>), Spotify account exports (JSON and
    /// TSV), ListenBrainz and Last.fm syncs, and listeners created for a sign-in.</summary>
    public static readonly IReadOnlyList<string> PersonalKeyPrefixes =
        ["listener:", "spotify-export:", "spotify-export-tsv:", "listenbrainz:", "lastfm:", "account:"];

    /// <summary>Whether a listener with <paramref name="key"/> and stored <paramref name="visibility"/> is private.</summary>
    public static bool IsPrivate(string key, string? visibility)
    {
        ArgumentNullException.ThrowIfNull(key);
        return visibility switch
        {
            Public => false,
            Private => true,
            _ => PersonalKeyPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal)),
        };
    }

    /// <summary>A portable SQL condition, true for a private listener of the users row aliased <paramref name="alias"/>;
    /// the same rule as <see cref="IsPrivate"/>.</summary>
    public static string PrivateSql(string alias) =>
        $"COALESCE({alias}.visibility, CASE WHEN "
        + string.Join(" OR ", PersonalKeyPrefixes.Select(p => $"{alias}.key LIKE '{p}%'"))
        + $" THEN '{Private}' ELSE '{Public}' END) = '{Private}'";
}
