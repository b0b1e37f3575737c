-- Latest load of every cluster as the Orchestrator reports it (event cluster.load).
CREATE TABLE cluster_load (
    cluster     text PRIMARY KEY,
    load        bytea       NOT NULL,       -- ClusterLoad
    reported_at timestamptz NOT NULL
);
