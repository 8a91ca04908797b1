-- Several harvest workers on one run (issue 18, goal 5) need PostgreSQL (SELECT … FOR UPDATE SKIP LOCKED); SQLite keeps
-- the single-worker harvest and never fills these columns. They exist so both providers have one frontier shape.
ALTER TABLE harvest_frontier ADD COLUMN claimed_by TEXT;   -- worker name holding the walk; NULL = unclaimed
ALTER TABLE harvest_frontier ADD COLUMN lease_until TEXT;  -- ISO 8601 UTC; unused on SQLite
CREATE INDEX ix_harvest_frontier_claimable ON harvest_frontier (run_id, status, lease_until);
