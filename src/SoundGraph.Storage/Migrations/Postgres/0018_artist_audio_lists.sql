-- Version 18 on SQLite creates artist_audio_lists, the precomputed rows of unveil's artist "audio" section
-- (ArtistAudioLists in the Storage library). PostgreSQL keeps no such table: there the section is one statement over
-- the relations view. This migration only keeps both providers' schema versions in step.
SELECT 1;
