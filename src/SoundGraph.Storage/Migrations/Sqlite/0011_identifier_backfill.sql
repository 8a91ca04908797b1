-- Identifiers of tracks keyed by them (issue 14), for stores written before the catalog writers recorded the identifiers a
-- track carries (TrackIds.Of): 0008 back-filled only Spotify URIs and ISRCs. Without these rows an import could not merge
-- a listen into a stored musicbrainz:recording: or soundcloud:track: track by its MBID or SoundCloud id.
-- Keys were written by the importers in canonical form (a lower-case UUID; SoundCloud's integer id), so they are copied.
INSERT INTO track_identifiers (track_id, kind, value, method)
SELECT id, 'mbid', LOWER(SUBSTR(key, 23)), 'id' FROM tracks
WHERE key LIKE 'musicbrainz:recording:%' AND LENGTH(key) = 58
ON CONFLICT DO NOTHING;
INSERT INTO track_identifiers (track_id, kind, value, method)
SELECT id, 'soundcloud', SUBSTR(key, 18), 'id' FROM tracks
WHERE key LIKE 'soundcloud:track:%' AND LENGTH(key) > 17
ON CONFLICT DO NOTHING;

-- 0008 copied ISRCs as UPPER(TRIM(isrc)), hyphens included; the canonical form has none (TrackIds.Canonical). The
-- hyphenated rows are replaced by their canonical twins (both derive from tracks.isrc, which is unchanged).
INSERT INTO track_identifiers (track_id, kind, value, method)
SELECT track_id, 'isrc', REPLACE(value, '-', ''), method FROM track_identifiers
WHERE kind = 'isrc' AND value LIKE '%-%' AND LENGTH(REPLACE(value, '-', '')) = 12
ON CONFLICT DO NOTHING;
DELETE FROM track_identifiers
WHERE kind = 'isrc' AND value LIKE '%-%' AND LENGTH(REPLACE(value, '-', '')) = 12;
