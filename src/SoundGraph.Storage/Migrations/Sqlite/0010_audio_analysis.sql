-- Local audio analysis (issue 15): what `sgr audio analyze` measures in a file the user has, and the file it measured.
-- Only features and the file's identity are stored (path, size, modification time, SHA-256): never the audio or decoded
-- samples. audio_files has one row per (content hash, extractor version): a file whose hash was analyzed by the current
-- extractor version is skipped, so a rerun or a run resumed after a kill analyzes only what is left; a file that failed
-- (status 'failed', error = ffmpeg's reason) is retried by the next run. audio_analysis has one row per analyzed
-- audio_files row, one named column per feature with its unit. NULL = not defined for this file (no steady beat, no key
-- in silence, no loudness for silence or under 400 ms); values are never ±infinity. Sources and definitions: SoundGraph.Audio
-- (AudioAnalysis, LoudnessResult, KeyEstimate, TempoEstimate).
-- The subset that fits audio_features (tempo_bpm, musical_key, mode, loudness_db = integrated LUFS) is also written there
-- with extractor 'soundgraph-audio/1', so the track summary and JSON exports show it; the seven 0–1 descriptors stay NULL,
-- so relate's audio kNN, SAGE and the CVAE (which need all nine continuous features) leave such a track out.

CREATE TABLE audio_files (
    id                INTEGER PRIMARY KEY,
    path              TEXT NOT NULL,     -- the file's full path when it was (last) analyzed
    size_bytes        INTEGER NOT NULL,   -- bytes
    modified_utc      TEXT NOT NULL,     -- last write time, ISO 8601 UTC
    sha256            TEXT NOT NULL,     -- lower-case hex SHA-256 of the file's bytes
    extractor_version TEXT NOT NULL,     -- e.g. 'soundgraph-audio/1' (SoundGraph.Audio AudioAnalyzer.ExtractorVersion)
    status            TEXT NOT NULL,     -- 'analyzed' | 'failed'
    error             TEXT,              -- for 'failed': the one-line reason (ffmpeg's message); else NULL
    track_id          INTEGER REFERENCES tracks (id), -- the track the file was resolved to; NULL when failed
    match_method      TEXT,              -- how: 'mbid' | 'isrc' | 'name' (a reported name match) | 'new' (a file: track)
    analyzed_at       TEXT NOT NULL,     -- when this row was written, ISO 8601 UTC
    UNIQUE (sha256, extractor_version)
);
CREATE INDEX ix_audio_files_track ON audio_files (track_id);

CREATE TABLE audio_analysis (
    file_id                  INTEGER NOT NULL PRIMARY KEY REFERENCES audio_files (id),
    track_id                 INTEGER NOT NULL REFERENCES tracks (id),
    extractor_version        TEXT NOT NULL,     -- as audio_files.extractor_version
    duration_s               REAL NOT NULL,      -- the file's duration, s
    analyzed_s               REAL NOT NULL,      -- seconds analysed (the whole file, or the --excerpt), s
    channels                 INTEGER NOT NULL,   -- the file's channel count (1 = mono)
    tempo_bpm                REAL,               -- beats per minute; NULL when no steady beat was found
    tempo_confidence         REAL NOT NULL,      -- 0–1, autocorrelation of the onset envelope at the beat period
    key_pitch_class          INTEGER,            -- tonic, 0 = C … 11 = B; NULL for silence
    mode                     INTEGER,            -- 1 major, 0 minor; NULL for silence
    key_confidence           REAL,               -- 0–1, (best − runner-up correlation) / best
    key_correlation          REAL,               -- −1…1, Pearson correlation with the winning key profile
    key_profile              TEXT,              -- the key profile used, e.g. 'krumhansl-kessler'
    integrated_lufs          REAL,               -- BS.1770-4 gated integrated loudness, LUFS; NULL when nothing passes the gates
    loudness_range_lu        REAL NOT NULL,      -- EBU Tech 3342 loudness range, LU
    max_momentary_lufs       REAL,               -- highest 400 ms loudness, LUFS; NULL for silence
    max_short_term_lufs      REAL,               -- highest 3 s loudness, LUFS; NULL when shorter than 3 s or silent
    sample_peak_dbfs         REAL,               -- largest sample, dBFS; NULL for digital silence
    true_peak_dbtp           REAL,               -- 4× oversampled peak, dBTP; NULL for digital silence
    plr_db                   REAL,               -- peak-to-loudness ratio (true peak − integrated), dB; NULL when either is
    spectral_centroid_mean_hz REAL NOT NULL,     -- frame mean, Hz
    spectral_centroid_sd_hz  REAL NOT NULL,      -- frame standard deviation, Hz
    spectral_rolloff_mean_hz REAL NOT NULL,      -- 85 % rolloff, frame mean, Hz
    spectral_rolloff_sd_hz   REAL NOT NULL,      -- frame sd, Hz
    spectral_flatness_mean   REAL NOT NULL,      -- 0–1 (geometric / arithmetic mean of the power spectrum)
    spectral_flatness_sd     REAL NOT NULL,      -- 0–1
    spectral_flux_mean       REAL NOT NULL,      -- frame mean of the magnitude difference (unitless, full scale 1)
    spectral_flux_sd         REAL NOT NULL,
    zero_crossing_rate       REAL NOT NULL,      -- crossings per sample, 0–1
    onset_rate               REAL NOT NULL,      -- onsets per second
    mfcc1_mean REAL NOT NULL,               -- MFCC 1–13 frame means then sds (NWaves, 26 mel bands, Hann, 2,048/1,024 at 44.1 kHz), unitless
    mfcc2_mean REAL NOT NULL,
    mfcc3_mean REAL NOT NULL,
    mfcc4_mean REAL NOT NULL,
    mfcc5_mean REAL NOT NULL,
    mfcc6_mean REAL NOT NULL,
    mfcc7_mean REAL NOT NULL,
    mfcc8_mean REAL NOT NULL,
    mfcc9_mean REAL NOT NULL,
    mfcc10_mean REAL NOT NULL,
    mfcc11_mean REAL NOT NULL,
    mfcc12_mean REAL NOT NULL,
    mfcc13_mean REAL NOT NULL,
    mfcc1_sd REAL NOT NULL,
    mfcc2_sd REAL NOT NULL,
    mfcc3_sd REAL NOT NULL,
    mfcc4_sd REAL NOT NULL,
    mfcc5_sd REAL NOT NULL,
    mfcc6_sd REAL NOT NULL,
    mfcc7_sd REAL NOT NULL,
    mfcc8_sd REAL NOT NULL,
    mfcc9_sd REAL NOT NULL,
    mfcc10_sd REAL NOT NULL,
    mfcc11_sd REAL NOT NULL,
    mfcc12_sd REAL NOT NULL,
    mfcc13_sd REAL NOT NULL,
    side_to_mid              REAL NOT NULL,      -- side/mid energy ratio; 0 for mono
    lr_correlation           REAL NOT NULL,      -- left–right correlation, −1…1; 1 for mono
    percussive_to_harmonic   REAL NOT NULL,      -- percussive / harmonic energy (Fitzgerald 2010 median filtering, centred 30 s)
    pumpiness                REAL NOT NULL       -- side-chain pump, 0–1 (SoundGraph's heuristic, SoundGraph.Audio Rhythm/Pumpiness)
);
CREATE INDEX ix_audio_analysis_track ON audio_analysis (track_id);
