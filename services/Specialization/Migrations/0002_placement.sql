-- Placement policies ('' is the default for libraries without their own), domain maps received from Discovery,
-- computed plans, current placements and specialization operations.
CREATE TABLE policies (
    library    text PRIMARY KEY,
    policy     bytea       NOT NULL,        -- SpecializationPolicy as given (zeros = defaults)
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE domain_maps (
    library     text        NOT NULL,
    version     bigint      NOT NULL,
    map         bytea       NOT NULL,       -- DomainMap
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library, version)
);

CREATE TABLE plans (
    plan_id     text PRIMARY KEY,
    library     text        NOT NULL,
    map_version bigint      NOT NULL,
    plan        bytea       NOT NULL,       -- PlacementPlan
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plans_library ON plans (library, created_at DESC);

CREATE TABLE placements (
    library     text        NOT NULL,
    domain_id   text        NOT NULL,
    map_version bigint      NOT NULL,
    placement   bytea       NOT NULL,       -- Placement
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library, domain_id)
);

CREATE TABLE specializations (
    operation_id  text PRIMARY KEY,
    library       text        NOT NULL,
    plan_id       text        NOT NULL REFERENCES plans (plan_id),
    request_id    text,
    state         smallint    NOT NULL,     -- OperationState
    migration_ids text[]      NOT NULL DEFAULT '{}',
    -- What is still to start, in order: the plan's moves (of placements touching cluster_filter, all when ''), then the
    -- split of "unassigned" by the map version split_map_version (none when 0). "started" of them have started.
    cluster_filter text       NOT NULL DEFAULT '',
    split_map_version bigint  NOT NULL DEFAULT 0,
    started       integer     NOT NULL DEFAULT 0,
    max_parallel  integer     NOT NULL DEFAULT 2,
    batch_size    integer     NOT NULL DEFAULT 0,
    error         bytea,                    -- OperationError
    created_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz
);
CREATE UNIQUE INDEX specializations_request ON specializations (library, request_id) WHERE request_id IS NOT NULL;
CREATE INDEX specializations_running ON specializations (state) WHERE state IN (1, 2);
CREATE INDEX specializations_library ON specializations (library, created_at DESC);
