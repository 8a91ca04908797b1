-- Trained models and learned embeddings (issue 5): saved so inference needs no retraining.

CREATE TABLE models (
    name         TEXT PRIMARY KEY,        -- e.g. "als", "sage", "collab", "cvae"
    kind         TEXT NOT NULL,           -- trainer family
    trained_at   TEXT NOT NULL,           -- ISO 8601 UTC
    params_json  TEXT NOT NULL,           -- hyper-parameters and seed
    metrics_json TEXT,                    -- evaluation figures at training time
    data         BLOB NOT NULL            -- the serialized model (format owned by its trainer)
);

-- One vector per node and model; node_type: 0 track, 1 artist, 2 user (Core NodeType order).
CREATE TABLE embeddings (
    model     TEXT NOT NULL,
    node_type INTEGER NOT NULL,
    node_id   INTEGER NOT NULL,
    vector    BLOB NOT NULL,              -- little-endian float32 × dimensions
    PRIMARY KEY (model, node_type, node_id)
) WITHOUT ROWID;
