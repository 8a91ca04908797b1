-- Last.fm (issue 14). lastfm_sync: one row per Last.fm user that `sgr sync lastfm` has synced. A sync walks
-- user.getRecentTracks pages 1..totalPages (newest first) between walk_from and a `to` pinned at the walk's start, so
-- scrobbles arriving during the walk do not shift its pages; next_page says where a killed walk resumes (NULL: no walk in
-- progress). A new walk asks from the newest stored second, so a re-run fetches only newer scrobbles.
-- lastfm_tag_fetches: one row per track or artist whose top tags `sgr tags lastfm` asked for, so it never asks twice
-- (status fetched, or not_found for Last.fm error 6).

CREATE TABLE lastfm_sync (
    user_name         TEXT PRIMARY KEY,           -- the Last.fm user name as given
    newest_uts        INTEGER,                    -- newest date.uts stored (unix s); NULL before the first stored page
    walk_from         INTEGER,                    -- the walk's `from` (unix s); NULL = the whole history
    walk_to           INTEGER,                    -- the walk's pinned `to` (unix s, the walk's start time)
    next_page         INTEGER,                    -- next page (1-based) of the walk in progress; NULL = none in progress
    total_pages       INTEGER,                    -- @attr.totalPages of the walk's first page
    scrobbles_stored  INTEGER NOT NULL DEFAULT 0, -- listens stored by syncs of this user (rows inserted or changed)
    updated_at        TEXT NOT NULL               -- ISO 8601 UTC
);

CREATE TABLE lastfm_tag_fetches (
    target_type TEXT NOT NULL,                    -- track | artist
    target_id   INTEGER NOT NULL,                 -- tracks.id or artists.id
    status      TEXT NOT NULL,                    -- fetched | not_found
    tags        INTEGER NOT NULL DEFAULT 0,       -- tags stored from the answer
    fetched_at  TEXT NOT NULL,                    -- ISO 8601 UTC
    PRIMARY KEY (target_type, target_id)
);
