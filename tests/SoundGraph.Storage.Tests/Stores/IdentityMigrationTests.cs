using Dapper;
using SoundGraph.Core.Identity;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Stores;

/// <summary>Schema 0005 (issue 13, identity across sources) on a store from before it: every listen is kept except the
/// copies of one play that the old (user, time, track, ms) key let in under two tracks of the same name; every track's
/// name key is in <c>track_names</c>; the provenance columns start at rank 0.</summary>
public sealed class IdentityMigrationTests
{
    [Theory]
    [StoreProviders]
    public async Task Migrate_0004StoreWithAPlayStoredTwice_KeepsOneCopyAndEveryOtherListen(string provider)
    {
        await using var old = await OldStore.CreateAsync(provider, v => v <= 4, async c =>
        {
            // Two Spotify tracks with one name key (the same song on two releases) and a third song.
            var nameKey = NameNormalizer.TrackNameKey("The Chainsmokers", "Call You Mine");
            await c.ExecuteAsync(
                """
                INSERT INTO users (key, name) VALUES ('spotify-export:user:u', 'u');
                INSERT INTO tracks (key, title, title_norm, name_key) VALUES ('spotify:track:a', 'Call You Mine', 'call you mine', @nameKey);
                INSERT INTO tracks (key, title, title_norm, name_key) VALUES ('spotify:track:b', 'Call You Mine', 'call you mine', @nameKey);
                INSERT INTO tracks (key, title, title_norm, name_key) VALUES ('spotify:track:c', 'Other', 'other', 'band|other');
                INSERT INTO listens (user_id, track_id, listened_at, ms_played, source) SELECT u.id, t.id, '2020-01-22T08:34:00Z', 217640, 'spotify-export' FROM users u, tracks t WHERE t.key = 'spotify:track:a';
                INSERT INTO listens (user_id, track_id, listened_at, ms_played, source) SELECT u.id, t.id, '2020-01-22T08:34:00Z', 217640, 'spotify-export' FROM users u, tracks t WHERE t.key = 'spotify:track:b';
                INSERT INTO listens (user_id, track_id, listened_at, ms_played, source) SELECT u.id, t.id, '2020-01-30T17:25:00Z', 217433, 'spotify-export' FROM users u, tracks t WHERE t.key = 'spotify:track:b';
                INSERT INTO listens (user_id, track_id, listened_at, ms_played, source) SELECT u.id, t.id, '2020-01-22T08:34:00Z', 217640, 'spotify-export' FROM users u, tracks t WHERE t.key = 'spotify:track:c';
                """,
                new { nameKey });
        });

        await using var store = await SoundGraphStore.OpenAsync(old.Db);

        Assert.Equal(["0005_identity", "0006_acousticbrainz", "0007_listenbrainz", "0008_track_identifiers", "0009_lastfm", "0010_audio_analysis", "0011_identifier_backfill", "0012_taste", "0013_tag_diversity", "0014_accounts", "0015_harvest_leases", "0016_relation_lists", "0017_label_artists", "0018_artist_audio_lists", "0019_shared_label_rows"], store.AppliedMigrations.Select(m => m.Name));
        var listens = (await store.Connection.QueryAsync<(string Track, string At, string Ref)>(
            "SELECT t.key, l.listened_at, l.track_ref FROM listens l JOIN tracks t ON t.id = l.track_id")).OrderBy(l => l.At + l.Track, StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                ("spotify:track:a", "2020-01-22T08:34:00Z", "name:the chainsmokers|call you mine"),
                ("spotify:track:c", "2020-01-22T08:34:00Z", "name:band|other"),
                ("spotify:track:b", "2020-01-30T17:25:00Z", "name:the chainsmokers|call you mine"),
            ],
            listens);
        Assert.Equal(
            [("band|other", "spotify:track:c"), ("the chainsmokers|call you mine", "spotify:track:a"), ("the chainsmokers|call you mine", "spotify:track:b")],
            (await store.Connection.QueryAsync<(string, string)>("SELECT n.name_key, t.key FROM track_names n JOIN tracks t ON t.id = n.track_id"))
                .OrderBy(n => n.Item1 + "#" + n.Item2, StringComparer.Ordinal));
        Assert.Equal([0L], (await store.Connection.QueryAsync<long>("SELECT DISTINCT source_rank FROM tracks")).ToList());
    }
}
