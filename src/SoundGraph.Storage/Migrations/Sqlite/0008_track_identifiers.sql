-- Track identifiers across sources (issue 14): every id a source knows a track by, so a track keeps one row whatever
-- source names it. kind: spotify (a spotify:track: URI), isrc, mbid (a MusicBrainz recording id), msid (a ListenBrainz
-- MSID), lastfm (a Last.fm track URL), soundcloud (a SoundCloud track id); method: "id" when the source gave the id for
-- this very track (or it was looked up by another id, e.g. an MBID found by ISRC), "name" when it was matched by name
-- (a MusicBrainz search on artist and title above the documented score threshold and margin).
CREATE TABLE track_identifiers (
    track_id INTEGER NOT NULL REFERENCES tracks (id),
    kind     TEXT NOT NULL,
    value    TEXT NOT NULL,
    method   TEXT NOT NULL,
    UNIQUE (kind, value, track_id)
);
CREATE INDEX ix_track_identifiers_track ON track_identifiers (track_id, kind);

-- Back-fill: the Spotify URIs that key tracks and the ISRCs tracks carry.
INSERT INTO track_identifiers (track_id, kind, value, method)
SELECT id, 'spotify', key, 'id' FROM tracks WHERE key LIKE 'spotify:track:%'
ON CONFLICT DO NOTHING;
INSERT INTO track_identifiers (track_id, kind, value, method)
SELECT id, 'isrc', UPPER(TRIM(isrc)), 'id' FROM tracks WHERE isrc IS NOT NULL AND TRIM(isrc) <> ''
ON CONFLICT DO NOTHING;

-- A credit's join phrase as the source wrote it (MusicBrainz artist credits: " feat. ", " & ", ""), NULL when unknown.
ALTER TABLE track_credits ADD COLUMN join_phrase TEXT;

-- The source's count for a tag assigned without a known user (user_id 0): MusicBrainz votes, Last.fm's 0–100 relative
-- weight; NULL when the source gave none.
ALTER TABLE track_tags ADD COLUMN count INTEGER;
ALTER TABLE artist_tags ADD COLUMN count INTEGER;
