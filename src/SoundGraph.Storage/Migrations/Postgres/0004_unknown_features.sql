-- Unknown audio features and Spotify popularity (issue 13), PostgreSQL provider: the same change as
-- Migrations/Sqlite/0004_unknown_features.sql. Every audio_features descriptor becomes nullable (NULL = unknown), and
-- the older unknown markers are converted: musical_key −1 and time_signature 0 become NULL; every other value is kept.
ALTER TABLE audio_features
    ALTER COLUMN danceability DROP NOT NULL,
    ALTER COLUMN energy DROP NOT NULL,
    ALTER COLUMN speechiness DROP NOT NULL,
    ALTER COLUMN acousticness DROP NOT NULL,
    ALTER COLUMN instrumentalness DROP NOT NULL,
    ALTER COLUMN liveness DROP NOT NULL,
    ALTER COLUMN valence DROP NOT NULL,
    ALTER COLUMN loudness_db DROP NOT NULL,
    ALTER COLUMN tempo_bpm DROP NOT NULL,
    ALTER COLUMN musical_key DROP NOT NULL,
    ALTER COLUMN mode DROP NOT NULL,
    ALTER COLUMN time_signature DROP NOT NULL;

UPDATE audio_features SET musical_key = NULL WHERE musical_key = -1;
UPDATE audio_features SET time_signature = NULL WHERE time_signature = 0;

-- Spotify's popularity score, 0–100; NULL when the source does not give it (BIGINT like every integer column here).
ALTER TABLE tracks ADD COLUMN popularity BIGINT;
