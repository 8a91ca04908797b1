-- AcousticBrainz descriptors (issue 14): what `sgr import acousticbrainz` reads that has no audio_features column. The
-- mapped part (tempo, key, mode) is an audio_features row with extractor "acousticbrainz"; these tables keep the rest, one
-- low-level row per track and one high-level row per (track, classifier). NULL = the document did not carry the value; an
-- upsert never replaces a known value with NULL (as audio_features). Units and sources: Core AcousticBrainzLowLevel.

CREATE TABLE acousticbrainz_lowlevel (
    track_id                 INTEGER NOT NULL PRIMARY KEY REFERENCES tracks (id),
    key_profile              TEXT,    -- "key" (tonal.key_key, extractor music 1.0) or edma|krumhansl|temperley
    key_strength             REAL,    -- 0–1
    rhythm_danceability      REAL,    -- Essentia Danceability, 0 to about 3 (not Spotify's 0–1)
    average_loudness         REAL,    -- Essentia dynamic-range measure, 0–1 (not dB)
    integrated_loudness_lufs REAL,    -- EBU R128 integrated loudness, LUFS
    replay_gain_db           REAL,    -- ReplayGain, dB
    dynamic_complexity       REAL,    -- dB
    onset_rate               REAL,    -- onsets per second
    spectral_centroid_hz     REAL,    -- frame mean, Hz
    spectral_rolloff_hz      REAL,    -- frame mean, Hz
    spectral_flatness_db     REAL,    -- frame mean of barkbands_flatness_db, 0–1
    spectral_flux            REAL,    -- frame mean
    spectral_entropy         REAL,    -- frame mean, bits
    zero_crossing_rate       REAL,    -- frame mean, 0–1
    mfcc_0 REAL,
    mfcc_1 REAL,
    mfcc_2 REAL,
    mfcc_3 REAL,
    mfcc_4 REAL,
    mfcc_5 REAL,
    mfcc_6 REAL,
    mfcc_7 REAL,
    mfcc_8 REAL,
    mfcc_9 REAL,
    mfcc_10 REAL,
    mfcc_11 REAL,
    mfcc_12 REAL     -- lowlevel.mfcc.mean[0..12]; all 13 known or all NULL
) WITHOUT ROWID;

CREATE TABLE acousticbrainz_highlevel (
    track_id     INTEGER NOT NULL REFERENCES tracks (id),
    model        TEXT NOT NULL,   -- classifier: danceability, mood_happy, genre_rosamerica, voice_instrumental, …
    value        TEXT NOT NULL,   -- winning label
    probability  REAL NOT NULL,   -- 0–1
    distribution TEXT,            -- the "all" distribution as JSON, labels in ordinal order
    PRIMARY KEY (track_id, model)
) WITHOUT ROWID;
