-- Weekly diversity over tags (issue 16): per listener and week, the Shannon entropy in bits of the counted minutes over
-- the tags of the tracks played (each track's five heaviest tags: its own, else its credited artists'; TagMix in
-- SoundGraph.Taste) and the share of counted minutes whose track had a tag. NULL when no counted minute had a tag.
ALTER TABLE taste_week_totals ADD COLUMN tag_diversity REAL;
ALTER TABLE taste_week_totals ADD COLUMN tagged_share REAL;

-- Stored aggregates predate the columns: mark them stale (a max_listen_id no listen has) so the next aggregation
-- recomputes each listener, keeping its time zone.
UPDATE taste_state SET max_listen_id = -1;
