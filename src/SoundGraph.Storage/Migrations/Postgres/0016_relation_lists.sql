-- Relations packed per source (issue 18). A relation kind's top-K rows of one source node are one row of
-- relation_lists: parallel arrays in rank order (dst_ids[i], weights[i], counts[i], samples[i]; samples[i] is the
-- evidence ids "12,45,78" ascending, or NULL). relate COPYs one row per source instead of two per relation
-- (relations + relation_evidence). The former tables become views of the same names and columns (plus
-- relations.sample_ids), so SQL keeps reading relations row by row; rank is the element's position (0 = strongest).
CREATE TABLE relation_lists (
    kind          TEXT NOT NULL,
    src_id        BIGINT NOT NULL,
    neighbours    BIGINT NOT NULL,              -- elements in each array
    evidence_type TEXT NOT NULL,                -- playlist | user | tag | track | artist | none (RelationKind.EvidenceType)
    computed_at   TEXT NOT NULL,
    dst_ids       BIGINT[] NOT NULL,
    weights       DOUBLE PRECISION[] NOT NULL,
    counts        BIGINT[] NOT NULL,
    samples       TEXT[] NOT NULL,
    PRIMARY KEY (kind, src_id)
);

INSERT INTO relation_lists (kind, src_id, neighbours, evidence_type, computed_at, dst_ids, weights, counts, samples)
SELECT r.kind, r.src_id, COUNT(*), COALESCE(MAX(e.evidence_type), 'none'), MAX(r.computed_at),
       array_agg(r.dst_id ORDER BY r.rank), array_agg(r.weight ORDER BY r.rank), array_agg(r.count ORDER BY r.rank),
       array_agg(e.sample_ids ORDER BY r.rank)
FROM relations r
LEFT JOIN relation_evidence e ON e.kind = r.kind AND e.src_id = r.src_id AND e.dst_id = r.dst_id
GROUP BY r.kind, r.src_id;

DROP TABLE relation_evidence;
DROP TABLE relations;

CREATE VIEW relations AS
SELECT l.kind, l.src_id, u.dst_id, u.ord - 1 AS rank, u.weight, u.count, l.computed_at, u.sample_ids
FROM relation_lists l
CROSS JOIN LATERAL unnest(l.dst_ids, l.weights, l.counts, l.samples) WITH ORDINALITY AS u(dst_id, weight, count, sample_ids, ord);

CREATE VIEW relation_evidence AS
SELECT l.kind, l.src_id, u.dst_id, l.evidence_type, u.sample_ids
FROM relation_lists l
CROSS JOIN LATERAL unnest(l.dst_ids, l.samples) AS u(dst_id, sample_ids)
WHERE u.sample_ids IS NOT NULL;
