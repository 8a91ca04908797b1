-- Version 19 on SQLite creates shared_label_rows, the precomputed rows of unveil's "shared label" section
-- (SharedLabelRows in the Storage library). PostgreSQL keeps no such table: there the section reads label_artists
-- directly. This migration only keeps both providers' schema versions in step.
SELECT 1;
