-- SoundGraph logical schema, SQLite provider (DESIGN.md "Store"). PostgreSQL gets its own numbered migrations.
-- Keys: every entity has a source-qualified external key (UNIQUE) and an integer id used by every link table.

CREATE TABLE artists (
    id        INTEGER PRIMARY KEY,
    key       TEXT NOT NULL UNIQUE,
    name      TEXT NOT NULL,
    name_norm TEXT NOT NULL
);
CREATE INDEX ix_artists_name_norm ON artists (name_norm);

CREATE TABLE labels (
    id        INTEGER PRIMARY KEY,
    key       TEXT NOT NULL UNIQUE,
    name      TEXT NOT NULL
);

CREATE TABLE users (
    id        INTEGER PRIMARY KEY,
    key       TEXT NOT NULL UNIQUE,
    name      TEXT NOT NULL
);

CREATE TABLE tracks (
    id             INTEGER PRIMARY KEY,
    key            TEXT NOT NULL UNIQUE,
    title          TEXT NOT NULL,
    title_norm     TEXT NOT NULL,
    name_key       TEXT,               -- normalized "primary artist|title" (NameNormalizer.TrackNameKey)
    album          TEXT,
    duration_ms    INTEGER,
    genre          TEXT,
    bpm            REAL,
    playback_count INTEGER,
    like_count     INTEGER,
    repost_count   INTEGER,
    comment_count  INTEGER,
    label_id       INTEGER REFERENCES labels (id),
    release_date   TEXT,
    permalink      TEXT,
    isrc           TEXT,
    streams        INTEGER,
    weeks_on_chart INTEGER,
    raw_json       TEXT
);
CREATE INDEX ix_tracks_name_key ON tracks (name_key);
CREATE INDEX ix_tracks_title_norm ON tracks (title_norm);
CREATE INDEX ix_tracks_label ON tracks (label_id);

CREATE TABLE track_credits (
    track_id  INTEGER NOT NULL REFERENCES tracks (id),
    artist_id INTEGER NOT NULL REFERENCES artists (id),
    role      INTEGER NOT NULL,        -- CreditRole: 0 primary, 1 featured, 2 remixer, 3 producer
    position  INTEGER NOT NULL,
    PRIMARY KEY (track_id, artist_id, role)
) WITHOUT ROWID;
CREATE INDEX ix_track_credits_artist ON track_credits (artist_id, track_id);

CREATE TABLE playlists (
    id            INTEGER PRIMARY KEY,
    key           TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    owner_user_id INTEGER REFERENCES users (id),
    followers     INTEGER,
    modified_at   TEXT,                -- ISO 8601 UTC
    collaborative INTEGER
);

CREATE TABLE playlist_tracks (
    playlist_id INTEGER NOT NULL REFERENCES playlists (id),
    position    INTEGER NOT NULL,      -- 0-based
    track_id    INTEGER NOT NULL REFERENCES tracks (id),
    added_at    TEXT,
    PRIMARY KEY (playlist_id, position)
) WITHOUT ROWID;
CREATE INDEX ix_playlist_tracks_track ON playlist_tracks (track_id, playlist_id);

CREATE TABLE user_follows (
    follower_id INTEGER NOT NULL REFERENCES users (id),
    followee_id INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (follower_id, followee_id)
) WITHOUT ROWID;

CREATE TABLE engagements (
    user_id     INTEGER NOT NULL REFERENCES users (id),
    target_type INTEGER NOT NULL,      -- TargetType: 0 track, 1 artist
    target_id   INTEGER NOT NULL,
    kind        INTEGER NOT NULL,      -- EngagementKind: 0 like, 1 repost, 2 comment, 3 play
    count       INTEGER NOT NULL,
    at          TEXT,
    PRIMARY KEY (user_id, target_type, target_id, kind)
) WITHOUT ROWID;
CREATE INDEX ix_engagements_target ON engagements (target_type, target_id, kind);

CREATE TABLE listens (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    track_id    INTEGER NOT NULL REFERENCES tracks (id),
    listened_at TEXT NOT NULL,         -- end of the play, ISO 8601 UTC
    ms_played   INTEGER NOT NULL,
    source      TEXT NOT NULL,
    UNIQUE (user_id, listened_at, track_id, ms_played)
);
CREATE INDEX ix_listens_track ON listens (track_id);

CREATE TABLE tags (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    name_norm TEXT NOT NULL UNIQUE
);

-- user_id 0 = assignment without a known user (no foreign key on purpose).
CREATE TABLE artist_tags (
    artist_id INTEGER NOT NULL REFERENCES artists (id),
    tag_id    INTEGER NOT NULL REFERENCES tags (id),
    user_id   INTEGER NOT NULL DEFAULT 0,
    tagged_on TEXT,
    PRIMARY KEY (artist_id, tag_id, user_id)
) WITHOUT ROWID;
CREATE INDEX ix_artist_tags_tag ON artist_tags (tag_id);

CREATE TABLE track_tags (
    track_id  INTEGER NOT NULL REFERENCES tracks (id),
    tag_id    INTEGER NOT NULL REFERENCES tags (id),
    user_id   INTEGER NOT NULL DEFAULT 0,
    tagged_on TEXT,
    PRIMARY KEY (track_id, tag_id, user_id)
) WITHOUT ROWID;
CREATE INDEX ix_track_tags_tag ON track_tags (tag_id);

CREATE TABLE audio_features (
    track_id         INTEGER NOT NULL REFERENCES tracks (id),
    extractor        TEXT NOT NULL,    -- "spotify", later local MIR extractors
    danceability     REAL NOT NULL,    -- 0–1
    energy           REAL NOT NULL,    -- 0–1
    speechiness      REAL NOT NULL,    -- 0–1
    acousticness     REAL NOT NULL,    -- 0–1
    instrumentalness REAL NOT NULL,    -- 0–1
    liveness         REAL NOT NULL,    -- 0–1
    valence          REAL NOT NULL,    -- 0–1
    loudness_db      REAL NOT NULL,    -- dB
    tempo_bpm        REAL NOT NULL,    -- beats per minute
    musical_key      INTEGER NOT NULL, -- pitch class 0–11, −1 unknown
    mode             INTEGER NOT NULL, -- 1 major, 0 minor
    time_signature   INTEGER NOT NULL, -- beats per bar
    PRIMARY KEY (track_id, extractor)
) WITHOUT ROWID;

-- Directed top-K rows: dst is among src's top neighbours of this kind; rank 0 = strongest.
CREATE TABLE relations (
    kind        TEXT NOT NULL,
    src_id      INTEGER NOT NULL,
    dst_id      INTEGER NOT NULL,
    rank        INTEGER NOT NULL,
    weight      REAL NOT NULL,
    count       INTEGER NOT NULL,
    computed_at TEXT NOT NULL,
    PRIMARY KEY (kind, src_id, dst_id)
) WITHOUT ROWID;
-- Unveil reads one node's rows of one kind: the primary key's (kind, src_id) prefix finds them (at most top-K rows,
-- sorted by rank in memory); a second index on rank would double the B-tree work of every relate write.

-- The evidence behind each relation row: a bounded sample of ids (ascending, comma-separated), whose type follows
-- from the kind (playlist, user, tag, track or artist). The exact count is relations.count. One row per relation
-- row, not per id: relate writes five times fewer rows.
CREATE TABLE relation_evidence (
    kind          TEXT NOT NULL,
    src_id        INTEGER NOT NULL,
    dst_id        INTEGER NOT NULL,
    evidence_type TEXT NOT NULL,
    sample_ids    TEXT NOT NULL,
    PRIMARY KEY (kind, src_id, dst_id)
) WITHOUT ROWID;
