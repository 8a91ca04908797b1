-- ListenBrainz sync cursors (issue 14): one row per ListenBrainz user that `sgr sync listenbrainz` has synced, so a
-- killed sync resumes at its last stored page and a re-run fetches only listens newer than the newest stored one.

CREATE TABLE listenbrainz_sync (
    user_name       TEXT PRIMARY KEY,          -- the ListenBrainz user name
    newest_ts       INTEGER,                   -- newest listened_at stored (unix s); NULL before the first stored page
    backfill_max_ts INTEGER,                   -- max_ts (exclusive, unix s) of the next page walking back; NULL = from the newest
    backfill_done   INTEGER NOT NULL DEFAULT 0, -- 1 once the walk back reached the oldest listen (or min_ts)
    min_ts          INTEGER,                   -- the walk back's lower bound (exclusive, unix s; --since − 1); NULL = all
    listens_stored  INTEGER NOT NULL DEFAULT 0, -- listens stored by syncs of this user (rows inserted or changed)
    updated_at      TEXT NOT NULL              -- ISO 8601 UTC
);
