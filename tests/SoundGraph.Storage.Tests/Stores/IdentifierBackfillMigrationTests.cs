using Dapper;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Stores;

/// <summary>Migration 0011 on a store written at 0010: tracks keyed by a MusicBrainz recording or a SoundCloud id gain that
/// identifier, and 0008's hyphenated ISRC rows become canonical; nothing else changes. Both providers.</summary>
public sealed class IdentifierBackfillMigrationTests
{
    [Theory]
    [StoreProviders]
    public async Task Migrate0011_KeyedTracksGainTheirIdentifiersAndIsrcsBecomeCanonical(string provider)
    {
        await using var old = await OldStore.CreateAsync(provider, v => v <= 10, async c =>
        {
            await c.ExecuteAsync(
                """
                INSERT INTO tracks (key, title, title_norm) VALUES ('musicbrainz:recording:8f3471b5-7e6a-48da-86a9-c1c07a0f47ae', 'MB', 'mb'),
                    ('soundcloud:track:42', 'SC', 'sc'), ('spotify:track:x', 'SP', 'sp'), ('musicbrainz:recording:not-a-uuid', 'Bad', 'bad')
                """);
            await c.ExecuteAsync(
                """
                INSERT INTO track_identifiers (track_id, kind, value, method)
                SELECT id, 'isrc', 'GB-ARL-93-00135', 'id' FROM tracks WHERE key = 'spotify:track:x'
                """);
        });

        await using var store = await SoundGraphStore.OpenAsync(old.Db);

        var rows = (await store.Connection.QueryAsync<(string Key, string Kind, string Value, string Method)>(
            "SELECT t.key, i.kind, i.value, i.method FROM track_identifiers i JOIN tracks t ON t.id = i.track_id ORDER BY t.key, i.kind")).ToList();
        Assert.Equal(
            [
                ("musicbrainz:recording:8f3471b5-7e6a-48da-86a9-c1c07a0f47ae", "mbid", "8f3471b5-7e6a-48da-86a9-c1c07a0f47ae", "id"),
                ("soundcloud:track:42", "soundcloud", "42", "id"),
                ("spotify:track:x", "isrc", "GBARL9300135", "id"),
            ],
            rows);
    }
}
