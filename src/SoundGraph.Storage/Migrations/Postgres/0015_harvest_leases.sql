-- Several harvest workers on one run (issue 18, goal 5): a worker claims a pending walk with
-- SELECT … FOR UPDATE SKIP LOCKED and holds it under a lease it renews while walking. A walk whose lease ran out (its
-- worker was killed) is claimable again and continues from its stored cursor. Times are the database server's clock,
-- so the workers' clocks never matter. See SoundGraph.Storage.Harvest.HarvestLeaseStore.
ALTER TABLE harvest_frontier ADD COLUMN claimed_by TEXT;          -- worker name holding the walk; NULL = unclaimed
ALTER TABLE harvest_frontier ADD COLUMN lease_until TIMESTAMPTZ;  -- the claim lapses at this time unless renewed
CREATE INDEX ix_harvest_frontier_claimable ON harvest_frontier (run_id, status, lease_until);
