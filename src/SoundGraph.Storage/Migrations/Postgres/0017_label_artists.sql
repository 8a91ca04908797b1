-- Label–artist aggregate for unveil's "shared label" section (issue 18): one row per (label, artist) with the number
-- of distinct tracks on that label credited to that artist in any role. The section reads it by primary key and by
-- ix_label_artists_artist instead of walking every track and credit of the artist's labels.
-- Derived from tracks.label_id and track_credits only (LabelArtists in the Storage library): the catalog writers
-- refresh the rows of the artists a batch may have changed (labelled tracks written, credits added to labelled tracks)
-- inside the batch's transaction; LabelArtists.RefreshAsync rebuilds it whole. Filled here from the existing rows.
CREATE TABLE label_artists (
    label_id  BIGINT NOT NULL REFERENCES labels (id),
    artist_id BIGINT NOT NULL REFERENCES artists (id),
    tracks    BIGINT NOT NULL,  -- distinct tracks on the label credited to the artist (≥ 1)
    PRIMARY KEY (label_id, artist_id)
);

CREATE INDEX ix_label_artists_artist ON label_artists (artist_id, label_id);

INSERT INTO label_artists (label_id, artist_id, tracks)
SELECT t.label_id, c.artist_id, COUNT(DISTINCT t.id)
FROM tracks t JOIN track_credits c ON c.track_id = t.id
WHERE t.label_id IS NOT NULL
GROUP BY t.label_id, c.artist_id;
