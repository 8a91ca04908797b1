-- AcousticBrainz descriptors (issue 14): what `sgr import acousticbrainz` reads that has no audio_features column. The
-- mapped part (tempo, key, mode) is an audio_features row with extractor "acousticbrainz"; these tables keep the rest, one
-- low-level row per track and one high-level row per (track, classifier). NULL = the document did not carry the value; an
-- upsert never replaces a known value with NULL (as audio_features). Units and sources: Core AcousticBrainzLowLevel.

CREATE TABLE acousticbrainz_lowlevel (
    track_id                 BIGINT NOT NULL PRIMARY KEY REFERENCES tracks (id),
    key_profile              TEXT,    -- "key" (tonal.key_key, extractor music 1.0) or edma|krumhansl|temperley
    key_strength             DOUBLE PRECISION,    -- 0–1
    rhythm_danceability      DOUBLE PRECISION,    -- Essentia Danceability, 0 to about 3 (not Spotify's 0–1)
    average_loudness         DOUBLE PRECISION,    -- Essentia dynamic-range measure, 0–1 (not dB)
    integrated_loudness_lufs DOUBLE PRECISION,    -- EBU R128 integrated loudness, LUFS
    replay_gain_db           DOUBLE PRECISION,    -- ReplayGain, dB
    dynamic_complexity       DOUBLE PRECISION,    -- dB
    onset_rate               DOUBLE PRECISION,    -- onsets per second
    spectral_centroid_hz     DOUBLE PRECISION,    -- frame mean, Hz
    spectral_rolloff_hz      DOUBLE PRECISION,    -- frame mean, Hz
    spectral_flatness_db     DOUBLE PRECISION,    -- frame mean of barkbands_flatness_db, 0–1
    spectral_flux            DOUBLE PRECISION,    -- frame mean
    spectral_entropy         DOUBLE PRECISION,    -- frame mean, bits
    zero_crossing_rate       DOUBLE PRECISION,    -- frame mean, 0–1
    mfcc_0 DOUBLE PRECISION,
    mfcc_1 DOUBLE PRECISION,
    mfcc_2 DOUBLE PRECISION,
    mfcc_3 DOUBLE PRECISION,
    mfcc_4 DOUBLE PRECISION,
    mfcc_5 DOUBLE PRECISION,
    mfcc_6 DOUBLE PRECISION,
    mfcc_7 DOUBLE PRECISION,
    mfcc_8 DOUBLE PRECISION,
    mfcc_9 DOUBLE PRECISION,
    mfcc_10 DOUBLE PRECISION,
    mfcc_11 DOUBLE PRECISION,
    mfcc_12 DOUBLE PRECISION     -- lowlevel.mfcc.mean[0..12]; all 13 known or all NULL
);

CREATE TABLE acousticbrainz_highlevel (
    track_id     BIGINT NOT NULL REFERENCES tracks (id),
    model        TEXT NOT NULL,   -- classifier: danceability, mood_happy, genre_rosamerica, voice_instrumental, …
    value        TEXT NOT NULL,   -- winning label
    probability  DOUBLE PRECISION NOT NULL,   -- 0–1
    distribution TEXT,            -- the "all" distribution as JSON, labels in ordinal order
    PRIMARY KEY (track_id, model)
);
