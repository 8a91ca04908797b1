-- Trained models and learned embeddings, PostgreSQL provider: the same tables as Migrations/Sqlite/0003_models.sql.

CREATE TABLE models (
    name         TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    trained_at   TEXT NOT NULL,
    params_json  TEXT NOT NULL,
    metrics_json TEXT,
    data         BYTEA NOT NULL
);

CREATE TABLE embeddings (
    model     TEXT NOT NULL,
    node_type BIGINT NOT NULL,
    node_id   BIGINT NOT NULL,
    vector    BYTEA NOT NULL,
    PRIMARY KEY (model, node_type, node_id)
);
