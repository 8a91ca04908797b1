-- Track identifiers across sources (issue 14): see the SQLite migration of the same number for the design notes.
CREATE TABLE track_identifiers (
    track_id BIGINT NOT NULL REFERENCES tracks (id),
    kind     TEXT NOT NULL,
    value    TEXT NOT NULL,
    method   TEXT NOT NULL,
    UNIQUE (kind, value, track_id)
);
CREATE INDEX ix_track_identifiers_track ON track_identifiers (track_id, kind);

INSERT INTO track_identifiers (track_id, kind, value, method)
SELECT id, 'spotify', key, 'id' FROM tracks WHERE key LIKE 'spotify:track:%'
ON CONFLICT DO NOTHING;
INSERT INTO track_identifiers (track_id, kind, value, method)
SELECT id, 'isrc', UPPER(TRIM(isrc)), 'id' FROM tracks WHERE isrc IS NOT NULL AND TRIM(isrc) <> ''
ON CONFLICT DO NOTHING;

ALTER TABLE track_credits ADD COLUMN join_phrase TEXT;
ALTER TABLE track_tags ADD COLUMN count BIGINT;
ALTER TABLE artist_tags ADD COLUMN count BIGINT;
