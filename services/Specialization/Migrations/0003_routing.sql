-- The routing table of every library, one row per version (never updated: a change is a new version).
-- routing_heads holds the current version and is the row a change locks, so changes of one library are serial.
CREATE TABLE routing_heads (
    library text PRIMARY KEY,
    version bigint NOT NULL
);

CREATE TABLE routing_versions (
    library    text        NOT NULL,
    version    bigint      NOT NULL,
    routing    bytea       NOT NULL,        -- RoutingTable
    reason     text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library, version)
);
