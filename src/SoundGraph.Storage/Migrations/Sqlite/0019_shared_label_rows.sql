-- Precomputed rows of unveil's "shared label" section (issue 18, goal 3): per artist, the other artists on its labels
-- ranked as the section ranks them (distinct tracks of theirs on the shared labels, descending, then artist id), the
-- first 200, with the first shared label by name and the number of shared labels. Derived from label_artists and labels
-- only (SharedLabelRows in the Storage library): rebuilt whole at the end of every `sgr relate` (artists with more than
-- 5,000 candidates left out), emptied by every catalog batch that changes label_artists' inputs or writes labels. An
-- artist without rows is answered from label_artists directly, as before this table, so it starts empty here. SQLite only (the PostgreSQL migration of this number is a no-op). A
-- later writer or migration that changes label_artists or label names on SQLite must empty or rebuild this table.
CREATE TABLE shared_label_rows (
    artist_id INTEGER NOT NULL,
    rank      INTEGER NOT NULL,  -- 0 = the most tracks
    other_id  INTEGER NOT NULL,  -- the other artist
    tracks    INTEGER NOT NULL,  -- distinct tracks of the other artist on the labels they share
    label     TEXT NOT NULL,     -- the first shared label by name (MIN)
    labels    INTEGER NOT NULL,  -- labels shared
    PRIMARY KEY (artist_id, rank)
) WITHOUT ROWID;
