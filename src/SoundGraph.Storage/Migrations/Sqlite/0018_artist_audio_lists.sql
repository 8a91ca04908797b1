-- Precomputed rows of unveil's artist "audio" section (issue 18, goal 3): per artist, the other artists whose tracks are
-- audio neighbours of this artist's, as the section ranks them (pairs, then best cosine, then artist id), the first 200.
-- Derived from relation_lists (kind track_audio_similarity) and track_credits only (ArtistAudioLists in the Storage
-- library): rebuilt whole in the transaction that replaces track_audio_similarity, emptied by every catalog batch that
-- writes credits. An artist without a row is answered from those tables directly, as before this table, so it starts
-- empty here and fills at the next relate of track_audio_similarity. SQLite only: on PostgreSQL the section is one
-- statement over the relations view. A later writer or migration that changes track_credits or the track audio lists
-- on SQLite must empty or rebuild this table (an older sgr binary on a store at this version does not know to).
CREATE TABLE artist_audio_lists (
    artist_id   INTEGER PRIMARY KEY,
    neighbours  INTEGER NOT NULL,  -- elements in items (at most 200)
    computed_at TEXT NOT NULL,     -- computed_at of the track_audio_similarity lists it was derived from
    items       TEXT NOT NULL      -- JSON [[artist_id, best cosine, pairs, null], …], rank order (relation_lists.items form)
);
