-- Relations packed per source (issue 18). A relation kind's top-K rows of one source node are one row of
-- relation_lists: its neighbours as a JSON array in rank order, each element [dst_id, weight, count, sample] where
-- sample is the evidence ids ("12,45,78", ascending) or null. relate writes one row per source instead of two per
-- relation (relations + relation_evidence), with the kind text once per source rather than once per relation.
-- The former tables become views of the same names and columns (plus relations.sample_ids), so SQL keeps reading
-- relations row by row; rank is the element's position (0 = strongest).
CREATE TABLE relation_lists (
    kind          TEXT NOT NULL,
    src_id        INTEGER NOT NULL,
    neighbours    INTEGER NOT NULL,  -- elements in items
    evidence_type TEXT NOT NULL,     -- playlist | user | tag | track | artist | none (RelationKind.EvidenceType)
    computed_at   TEXT NOT NULL,
    items         TEXT NOT NULL,     -- JSON [[dst_id, weight, count, "ids" | null], …], rank order
    PRIMARY KEY (kind, src_id)
);

INSERT INTO relation_lists (kind, src_id, neighbours, evidence_type, computed_at, items)
SELECT kind, src_id, COUNT(*), COALESCE(MAX(evidence_type), 'none'), MAX(computed_at), json_group_array(json(element))
FROM (
    SELECT r.kind, r.src_id, r.computed_at, e.evidence_type, json_array(r.dst_id, json(printf('%!.17g', r.weight)), r.count, e.sample_ids) AS element
    FROM relations r
    LEFT JOIN relation_evidence e ON e.kind = r.kind AND e.src_id = r.src_id AND e.dst_id = r.dst_id
    ORDER BY r.kind, r.src_id, r.rank
)
GROUP BY kind, src_id;

DROP TABLE relation_evidence;
DROP TABLE relations;

CREATE VIEW relations AS
SELECT l.kind AS kind,
       l.src_id AS src_id,
       json_extract(j.value, '$[0]') AS dst_id,
       CAST(j.key AS INTEGER) AS rank,
       json_extract(j.value, '$[1]') AS weight,
       json_extract(j.value, '$[2]') AS count,
       l.computed_at AS computed_at,
       json_extract(j.value, '$[3]') AS sample_ids
FROM relation_lists l, json_each(l.items) AS j;

CREATE VIEW relation_evidence AS
SELECT l.kind AS kind,
       l.src_id AS src_id,
       json_extract(j.value, '$[0]') AS dst_id,
       l.evidence_type AS evidence_type,
       json_extract(j.value, '$[3]') AS sample_ids
FROM relation_lists l, json_each(l.items) AS j
WHERE json_type(j.value, '$[3]') = 'text';
