-- Unknown audio features and Spotify popularity (issue 13), SQLite provider.
-- audio_features: every descriptor column becomes nullable; NULL = unknown (the source's layout lacks the column, or its
-- cell is empty). NULL is the only "unknown" marker from here on: the older markers are converted, musical_key −1
-- (no key detected) and time_signature 0 (Spotify's "unknown", also what importers stored for a file without a
-- time-signature column) become NULL. Every other value is copied unchanged.
-- SQLite cannot drop NOT NULL in place, so the table is rebuilt (create, copy, drop, rename) inside this migration's
-- transaction: a failure leaves the 0003 table and its rows as they were. No table references audio_features.
CREATE TABLE audio_features_0004 (
    track_id         INTEGER NOT NULL REFERENCES tracks (id),
    extractor        TEXT NOT NULL,    -- "spotify", later local MIR extractors
    danceability     REAL,             -- 0–1; NULL unknown (every descriptor below likewise)
    energy           REAL,             -- 0–1
    speechiness      REAL,             -- 0–1
    acousticness     REAL,             -- 0–1
    instrumentalness REAL,             -- 0–1
    liveness         REAL,             -- 0–1
    valence          REAL,             -- 0–1
    loudness_db      REAL,             -- dB
    tempo_bpm        REAL,             -- beats per minute
    musical_key      INTEGER,          -- pitch class 0–11
    mode             INTEGER,          -- 1 major, 0 minor
    time_signature   INTEGER,          -- beats per bar
    PRIMARY KEY (track_id, extractor)
) WITHOUT ROWID;

INSERT INTO audio_features_0004 (track_id, extractor, danceability, energy, speechiness, acousticness, instrumentalness, liveness,
    valence, loudness_db, tempo_bpm, musical_key, mode, time_signature)
SELECT track_id, extractor, danceability, energy, speechiness, acousticness, instrumentalness, liveness,
    valence, loudness_db, tempo_bpm, NULLIF(musical_key, -1), mode, NULLIF(time_signature, 0)
FROM audio_features;

DROP TABLE audio_features;
ALTER TABLE audio_features_0004 RENAME TO audio_features;

-- Spotify's popularity score, 0–100 (its own measure of recent plays); NULL when the source does not give it.
ALTER TABLE tracks ADD COLUMN popularity INTEGER;
