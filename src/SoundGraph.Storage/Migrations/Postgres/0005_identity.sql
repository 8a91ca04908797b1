-- Identity across sources (issue 13): see the SQLite migration of the same number for the design notes.

ALTER TABLE tracks ADD COLUMN source TEXT;
ALTER TABLE tracks ADD COLUMN source_rank BIGINT NOT NULL DEFAULT 0;
ALTER TABLE artists ADD COLUMN source TEXT;
ALTER TABLE artists ADD COLUMN source_rank BIGINT NOT NULL DEFAULT 0;

ALTER TABLE listens ADD COLUMN track_ref TEXT;
UPDATE listens l SET track_ref = 'name:' || COALESCE(t.name_key, t.key) FROM tracks t WHERE t.id = l.track_id;
DELETE FROM listens l USING listens k
WHERE k.user_id = l.user_id AND k.listened_at = l.listened_at AND k.ms_played = l.ms_played AND k.track_ref = l.track_ref AND k.id < l.id;
ALTER TABLE listens ALTER COLUMN track_ref SET NOT NULL;
ALTER TABLE listens DROP CONSTRAINT listens_user_id_listened_at_track_id_ms_played_key;
ALTER TABLE listens ADD CONSTRAINT listens_identity UNIQUE (user_id, listened_at, ms_played, track_ref);

CREATE TABLE artist_links (
    name_artist_id BIGINT NOT NULL PRIMARY KEY REFERENCES artists (id),
    artist_id      BIGINT NOT NULL REFERENCES artists (id),
    method         TEXT NOT NULL,
    linked_at      TEXT NOT NULL
);
CREATE INDEX ix_artist_links_artist ON artist_links (artist_id);

-- Every (primary artist, title) name key a source has given a track, so a name that once resolved to a track keeps
-- resolving to it after a higher-ranked source renames the track (a source-without-ids entry "Song (feat. X)" stays on
-- the Spotify track that is now titled "Song"). tracks.name_key stays the current title's key.
CREATE TABLE track_names (
    name_key TEXT NOT NULL,
    track_id BIGINT NOT NULL REFERENCES tracks (id),
    PRIMARY KEY (name_key, track_id)
);
CREATE INDEX ix_track_names_track ON track_names (track_id);
INSERT INTO track_names (name_key, track_id) SELECT name_key, id FROM tracks WHERE name_key IS NOT NULL;
