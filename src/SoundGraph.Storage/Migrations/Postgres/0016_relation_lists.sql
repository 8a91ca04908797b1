-- Relations packed per source (issue 18). A relation kind's top-K rows of one source node are one row of
-- relation_lists: parallel arrays in rank order (dst_ids[i], weights[i], counts[i]) and the evidence samples flattened
-- into one array: neighbour i's ids are evidence[evidence_ends[i-1] + 1 : evidence_ends[i]] (ascending; none when the
-- two ends are equal). relate COPYs one row per source instead of two per relation (relations + relation_evidence).
-- The former tables become views of the same names and columns (plus relations.sample_ids, "12,45,78" or NULL), so SQL
-- keeps reading relations row by row; rank is the element's position (0 = strongest).
CREATE TABLE relation_lists (
    kind          TEXT NOT NULL,
    src_id        BIGINT NOT NULL,
    neighbours    BIGINT NOT NULL,              -- elements in dst_ids, weights, counts, evidence_ends
    evidence_type TEXT NOT NULL,                -- playlist | user | tag | track | artist | none (RelationKind.EvidenceType)
    computed_at   TEXT NOT NULL,
    dst_ids       BIGINT[] NOT NULL,
    weights       DOUBLE PRECISION[] NOT NULL,
    counts        INTEGER[] NOT NULL,
    evidence_ends INTEGER[] NOT NULL,
    evidence      BIGINT[] NOT NULL,
    PRIMARY KEY (kind, src_id)
);
-- A top-50 or top-100 list (3–8 KB) stays inline and uncompressed: no TOAST compression on every relate.
ALTER TABLE relation_lists SET (toast_tuple_target = 8160);

WITH ranked AS (
    SELECT r.kind, r.src_id, r.dst_id, r.rank, r.weight, r.count, r.computed_at, e.evidence_type,
           COALESCE(CAST(string_to_array(e.sample_ids, ',') AS BIGINT[]), CAST('{}' AS BIGINT[])) AS ids
    FROM relations r
    LEFT JOIN relation_evidence e ON e.kind = r.kind AND e.src_id = r.src_id AND e.dst_id = r.dst_id
),
ended AS (
    SELECT ranked.*, SUM(cardinality(ids)) OVER (PARTITION BY kind, src_id ORDER BY rank) AS evidence_end
    FROM ranked
),
flat AS (
    SELECT kind, src_id, array_agg(x.id ORDER BY rank, x.pos) AS evidence
    FROM ranked CROSS JOIN LATERAL unnest(ids) WITH ORDINALITY AS x(id, pos)
    GROUP BY kind, src_id
)
INSERT INTO relation_lists (kind, src_id, neighbours, evidence_type, computed_at, dst_ids, weights, counts, evidence_ends, evidence)
SELECT e.kind, e.src_id, COUNT(*), COALESCE(MAX(e.evidence_type), 'none'), MAX(e.computed_at),
       array_agg(e.dst_id ORDER BY e.rank), array_agg(e.weight ORDER BY e.rank), array_agg(CAST(e.count AS INTEGER) ORDER BY e.rank),
       array_agg(CAST(e.evidence_end AS INTEGER) ORDER BY e.rank), COALESCE(MAX(f.evidence), CAST('{}' AS BIGINT[]))
FROM ended e
LEFT JOIN flat f ON f.kind = e.kind AND f.src_id = e.src_id
GROUP BY e.kind, e.src_id;

DROP TABLE relation_evidence;
DROP TABLE relations;

CREATE VIEW relations AS
SELECT l.kind, l.src_id, u.dst_id, u.ord - 1 AS rank, u.weight, CAST(u.count AS BIGINT) AS count, l.computed_at,
       NULLIF(array_to_string(l.evidence[COALESCE(l.evidence_ends[u.ord - 1], 0) + 1 : u.evidence_end], ','), '') AS sample_ids
FROM relation_lists l
CROSS JOIN LATERAL unnest(l.dst_ids, l.weights, l.counts, l.evidence_ends) WITH ORDINALITY AS u(dst_id, weight, count, evidence_end, ord);

CREATE VIEW relation_evidence AS
SELECT l.kind, l.src_id, u.dst_id, l.evidence_type,
       array_to_string(l.evidence[COALESCE(l.evidence_ends[u.ord - 1], 0) + 1 : u.evidence_end], ',') AS sample_ids
FROM relation_lists l
CROSS JOIN LATERAL unnest(l.dst_ids, l.evidence_ends) WITH ORDINALITY AS u(dst_id, evidence_end, ord)
WHERE u.evidence_end > COALESCE(l.evidence_ends[u.ord - 1], 0);
