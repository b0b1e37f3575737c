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
    error         bytea,                    -- OperationError
    created_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz
);
CREATE UNIQUE INDEX specializations_request ON specializations (library, request_id) WHERE request_id IS NOT NULL;
