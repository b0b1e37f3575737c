-- Durable migration jobs. A job is the unit of resumption: after a crash the host that starts next picks up every
-- job that is neither terminal nor paused, from its checkpoint (the source scroll offset after the last batch whose
-- points are known written to the target). Whoever runs a job holds the PostgreSQL advisory lock
-- hashtextextended(operation_id, 0) on its own connection: a crashed runner's lock goes with its connection, and two
-- replicas never run one job.
CREATE TABLE migrations (
    operation_id      text PRIMARY KEY,
    library           text        NOT NULL,
    domain_id         text        NOT NULL,
    kind              smallint    NOT NULL DEFAULT 1,   -- 1 move one domain's collection, 2 split "unassigned" into domains
    source_cluster    text        NOT NULL,
    target_cluster    text        NOT NULL,
    keep_source       boolean     NOT NULL,
    move              bytea       NOT NULL,             -- DomainMove as requested, defaults resolved
    route_before      bytea,                            -- RouteEntry of the domain before the move, for AbortMove
    request_id        text,
    state             smallint    NOT NULL,             -- OperationState
    phase             smallint    NOT NULL,             -- MigrationPhase
    requested         smallint    NOT NULL DEFAULT 0,   -- 1 pause, 2 cancel: asked of the runner, acted on after its batch
    batch_size        integer     NOT NULL,
    workers           integer     NOT NULL,
    max_points_per_second integer NOT NULL,
    skip_checksums    boolean     NOT NULL,
    checkpoint        text,                             -- scroll offset to resume from; NULL = from the start
    batches_done      bigint      NOT NULL DEFAULT 0,
    points_copied     bigint      NOT NULL DEFAULT 0,
    points_total      bigint      NOT NULL DEFAULT 0,
    attempt           integer     NOT NULL DEFAULT 1,
    verification      bytea,                            -- Verification
    error             bytea,                            -- OperationError
    specialization_id text,                             -- the SpecializeCluster operation that asked for it
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    finished_at       timestamptz,
    cleanup_after     timestamptz                       -- source dropped after this (grace period)
);
-- One move per domain at a time: a second one is refused while the first is not terminal.
CREATE UNIQUE INDEX migrations_one_per_domain ON migrations (library, domain_id) WHERE state IN (1, 2, 3);
CREATE UNIQUE INDEX migrations_request ON migrations (library, request_id) WHERE request_id IS NOT NULL;
CREATE INDEX migrations_library ON migrations (library, created_at DESC);
CREATE INDEX migrations_runnable ON migrations (state) WHERE state IN (1, 2);
