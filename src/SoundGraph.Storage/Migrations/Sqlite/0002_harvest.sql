-- Resumable crawls (DESIGN.md "Store": harvest_runs and harvest_frontier). A run is one harvest of one seed with one
-- configuration; its frontier holds every collection walk the run has discovered, with the cursor of the next page.

CREATE TABLE harvest_runs (
    id          INTEGER PRIMARY KEY,
    source      TEXT NOT NULL,             -- "soundcloud"
    seed        TEXT NOT NULL,             -- the seed as given (URL or id), normalized
    config_hash TEXT NOT NULL,             -- SHA-256 of the layer configuration: another configuration is another run
    config_json TEXT NOT NULL,
    status      TEXT NOT NULL,             -- running | finished | abandoned (replaced by --restart)
    started_at  TEXT NOT NULL,             -- ISO 8601 UTC
    finished_at TEXT,
    stats_json  TEXT
);
CREATE INDEX ix_harvest_runs_seed ON harvest_runs (source, seed, config_hash);

CREATE TABLE harvest_frontier (
    run_id     INTEGER NOT NULL REFERENCES harvest_runs (id),
    task       TEXT NOT NULL,              -- stable task key, e.g. "likes:5012" (the same walk found twice is one row)
    layer      TEXT NOT NULL,              -- users | playlists | artist | semantic | comments | labels | entities | seed
    endpoint   TEXT NOT NULL,              -- first-page path, e.g. "/users/5012/likes/tracks"
    arg        TEXT,                       -- task argument (a label name, an entity name, a search filter)
    max_items  INTEGER NOT NULL,           -- items to keep from the walk
    cursor     TEXT,                       -- next_href of the next page; NULL = start at endpoint
    kept       INTEGER NOT NULL DEFAULT 0, -- items kept so far
    scanned    INTEGER NOT NULL DEFAULT 0, -- items seen so far (filtered walks scan more than they keep)
    status     INTEGER NOT NULL DEFAULT 0, -- 0 pending, 1 done, 2 gone (403/404)
    updated_at TEXT,
    PRIMARY KEY (run_id, task)
);
CREATE INDEX ix_harvest_frontier_pending ON harvest_frontier (run_id, status);
