-- Taste analytics (issue 16): each track's mood axes, and per listener the weekly aggregates the dashboard and
-- `sgr taste` read instead of recomputing. Axis codes are SoundGraph.Taste MoodAxis codes (energy, valence, danceability,
-- brightness, tempo, rhythmic_complexity, pumpiness, texture_density, stereo_size, mode_confidence); values are 0–1
-- except tempo (BPM). Everything here is derived: `sgr taste score` and `sgr taste aggregate` rebuild it from the
-- listens, features, tags and relations, so losing it loses no data — except taste_labels (at the end), which
-- listeners write.

-- One row per track and axis: the value, how it was obtained ('spotify' descriptors, 'local-audio' features of the
-- user's file, 'tags' through the learned tag model, 'graph' label propagation, 'artist' partial pooling) and a 0–1
-- confidence.
CREATE TABLE track_axes (
    track_id    BIGINT NOT NULL REFERENCES tracks (id),
    axis        TEXT NOT NULL,
    value       DOUBLE PRECISION NOT NULL,
    method      TEXT NOT NULL,
    confidence  DOUBLE PRECISION NOT NULL,
    computed_at TEXT NOT NULL,          -- ISO 8601 UTC
    PRIMARY KEY (track_id, axis)
);

-- Per listener, ISO week (in the listener's time zone, taste_state.time_zone) and axis: the weighted centroid (mean),
-- weighted variance, the counted plays that had a value and their minutes, the EMA of the centroid (span 4 weeks) and
-- the momentum (week-over-week change of the EMA). Weeks with no value have no row.
CREATE TABLE taste_weeks (
    user_id  BIGINT NOT NULL REFERENCES users (id),
    week     TEXT NOT NULL,              -- 'YYYY-Www' (ISO 8601 week date)
    axis     TEXT NOT NULL,
    mean     DOUBLE PRECISION NOT NULL,
    variance DOUBLE PRECISION NOT NULL,
    plays    BIGINT NOT NULL,
    minutes  DOUBLE PRECISION NOT NULL,
    ema      DOUBLE PRECISION,
    momentum DOUBLE PRECISION,
    PRIMARY KEY (user_id, week, axis)
);

-- Per listener and week (every week from the first to the last listen, empty ones included): counted plays and
-- minutes, coverage (share of counted minutes whose track had both an energy and a valence value, 0–1) and diversity
-- (normalized entropy of the minutes over the energy × valence grid, 0–1; NULL when no play had both) and the momentum
-- index (norm of the axes' EMA changes in each axis's own weekly sd; NULL when no axis has one).
CREATE TABLE taste_week_totals (
    user_id   BIGINT NOT NULL REFERENCES users (id),
    week      TEXT NOT NULL,
    plays     BIGINT NOT NULL,
    minutes   DOUBLE PRECISION NOT NULL,
    coverage  DOUBLE PRECISION NOT NULL,
    diversity DOUBLE PRECISION,
    momentum_index DOUBLE PRECISION,
    PRIMARY KEY (user_id, week)
);

-- Per listener and axis: the change points CUSUM found (the alarm week, the estimated start week, up or down, the size
-- of the shift in the axis's units).
CREATE TABLE taste_changes (
    user_id    BIGINT NOT NULL REFERENCES users (id),
    axis       TEXT NOT NULL,
    week       TEXT NOT NULL,
    start_week TEXT NOT NULL,
    direction  TEXT NOT NULL,           -- 'up' | 'down'
    size       DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (user_id, axis, week)
);

-- Per listener: the time zone the weeks are cut in (IANA id), the highest listens.id the aggregates include (a later
-- listen makes them stale: the next aggregation recomputes from that listen's week on), a digest of the listener's
-- taste_labels the aggregates were computed with (NULL without labels; a label added, changed or removed makes them
-- stale) and when they were computed.
CREATE TABLE taste_state (
    user_id       BIGINT NOT NULL PRIMARY KEY REFERENCES users (id),
    time_zone     TEXT NOT NULL,
    max_listen_id BIGINT NOT NULL,
    labels_digest TEXT,
    computed_at   TEXT NOT NULL
);

-- Personal labels (issue 16, calibration): a listener's own value of a track on an axis — 0–1, tempo in BPM (20–300) —
-- and when they gave it. Unlike the tables above these are the listener's data, not derived: `sgr taste label` and
-- POST /api/labels write them. Per listener and axis, at least 5 labelled tracks with a model value calibrate that axis
-- (isotonic regression of the labels on track_axes values), and a labelled track takes its label in that listener's
-- aggregates.
CREATE TABLE taste_labels (
    user_id     BIGINT NOT NULL REFERENCES users (id),
    track_id    BIGINT NOT NULL REFERENCES tracks (id),
    axis        TEXT NOT NULL,
    value       DOUBLE PRECISION NOT NULL,
    labelled_at TEXT NOT NULL,          -- ISO 8601 UTC
    PRIMARY KEY (user_id, track_id, axis)
);
