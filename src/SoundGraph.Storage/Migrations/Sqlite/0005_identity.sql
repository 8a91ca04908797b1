-- Identity across sources (issue 13): provenance and precedence of track and artist values, listens identified by what the
-- source said was played, and reversible name links from name-keyed artists to id-keyed ones.

-- The source whose values the row holds (an import format name, "soundcloud"; NULL before this migration) and its rank
-- (Core SourcePrecedence): a lower-ranked source fills in missing values but never replaces stored ones.
ALTER TABLE tracks ADD COLUMN source TEXT;
ALTER TABLE tracks ADD COLUMN source_rank INTEGER NOT NULL DEFAULT 0;
ALTER TABLE artists ADD COLUMN source TEXT;
ALTER TABLE artists ADD COLUMN source_rank INTEGER NOT NULL DEFAULT 0;

-- A listen is (user, end time, ms played, track_ref): track_ref is the source's own reference to the track ("name:" + the
-- normalized artist|title name key for sources that only name it), so a re-import re-resolves the same row instead of
-- adding one under another track. Existing rows get the name key of the track they point at; plays stored twice under two
-- tracks with the same name key (the bug this fixes) collapse to the first stored row.
CREATE TABLE listens_new (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    track_id    INTEGER NOT NULL REFERENCES tracks (id),
    listened_at TEXT NOT NULL,         -- end of the play, ISO 8601 UTC
    ms_played   INTEGER NOT NULL,
    source      TEXT NOT NULL,
    track_ref   TEXT NOT NULL,         -- the source's reference to the track (id, or "name:" + name key)
    UNIQUE (user_id, listened_at, ms_played, track_ref)
);
INSERT INTO listens_new (id, user_id, track_id, listened_at, ms_played, source, track_ref)
SELECT l.id, l.user_id, l.track_id, l.listened_at, l.ms_played, l.source, 'name:' || COALESCE(t.name_key, t.key)
FROM listens l JOIN tracks t ON t.id = l.track_id
ORDER BY l.id
ON CONFLICT DO NOTHING;
DROP TABLE listens;
ALTER TABLE listens_new RENAME TO listens;
CREATE INDEX ix_listens_track ON listens (track_id);

-- A name-keyed artist ("name:artist:…") linked to an id-keyed one (a Spotify artist URI) whose normalized name is the same
-- and unambiguous: a reported match, never a merge (both rows stay); `sgr db unlink-artists` marks links "unlinked"
-- (readers ignore them and imports do not make them again).
CREATE TABLE artist_links (
    name_artist_id INTEGER NOT NULL PRIMARY KEY REFERENCES artists (id),
    artist_id      INTEGER NOT NULL REFERENCES artists (id),
    method         TEXT NOT NULL,      -- "name": equal normalized names (artists.name_norm); "unlinked": removed by the user
    linked_at      TEXT NOT NULL       -- ISO 8601 UTC
);
CREATE INDEX ix_artist_links_artist ON artist_links (artist_id);

-- Every (primary artist, title) name key a source has given a track, so a name that once resolved to a track keeps
-- resolving to it after a higher-ranked source renames the track (a source-without-ids entry "Song (feat. X)" stays on
-- the Spotify track that is now titled "Song"). tracks.name_key stays the current title's key.
CREATE TABLE track_names (
    name_key TEXT NOT NULL,
    track_id INTEGER NOT NULL REFERENCES tracks (id),
    PRIMARY KEY (name_key, track_id)
);
CREATE INDEX ix_track_names_track ON track_names (track_id);
INSERT INTO track_names (name_key, track_id) SELECT name_key, id FROM tracks WHERE name_key IS NOT NULL;
