namespace SoundGraph.Ingest.Sources.LastFm;

/// <summary>One sentence for each Last.fm error body the client does not retry (https://www.last.fm/api/errorcodes).</summary>
internal static class LastFmErrorText
{
    /// <summary>The sentence for <paramref name="code"/> answered to <paramref name="method"/>.</summary>
    /// <param name="method">API method.</param>
    /// <param name="code">Error code.</param>
    /// <param name="message">Last.fm's message (already redacted).</param>
    /// <param name="user">The user a user.* call was about, if any.</param>
    public static string Describe(string method, int code, string message, string? user)
    {
        var said = message.Length == 0 ? string.Empty : ": " + message.TrimEnd('.');
        return code switch
        {
            LastFmErrors.LoginRequired when user is not null =>
                $"Last.fm user {user}'s recent tracks are private (error 17{said}): the user hides their listening history, so there is nothing to sync.",
            LastFmErrors.NotFound when user is not null => $"Last.fm has no user {user} (error 6{said}).",
            LastFmErrors.SuspendedKey =>
                $"Last.fm suspended this API key (error 26{said}); stopping: ask Last.fm about the key (https://www.last.fm/api/accounts) or use another one.",
            LastFmErrors.InvalidKey => $"Last.fm rejected the API key (error 10{said}): check LASTFM_API_KEY or --api-key-file.",
            4 or 9 or 14 => $"Last.fm refused the call to {method} (error {code}{said}): it needs authentication SoundGraph does not do.",
            _ => $"Last.fm {method} answered error {code}{said}.",
        };
    }
}
