-- Rebalancing runs and their moves: the durable record the executor works from (a Rebalancer restarted mid-run
-- resumes from it), and what history, watch and metrics read. Every change takes the next value of one sequence, so a
-- watcher of every run reads "what changed since the last number I saw".
CREATE SEQUENCE rebalancing_changes;

CREATE TABLE rebalancing_runs (
    operation_id text             PRIMARY KEY,
    request_id   text             UNIQUE,           -- idempotency key; NULL when the caller gave none
    trigger      smallint         NOT NULL,         -- RebalancingTrigger
    state        smallint         NOT NULL,         -- OperationState
    reason       text             NOT NULL,
    plan         bytea            NOT NULL,         -- RebalancingPlan, as started
    throttle     bytea            NOT NULL,         -- AdaptiveThrottle, zeros resolved from the thresholds of the time
    size_before  double precision NOT NULL,
    size_after   double precision NOT NULL DEFAULT 0,
    load_before  double precision NOT NULL,
    load_after   double precision NOT NULL DEFAULT 0,
    error        bytea,                             -- OperationError when FAILED
    started_at   timestamptz      NOT NULL,
    finished_at  timestamptz,
    change       bigint           NOT NULL DEFAULT nextval('rebalancing_changes')
);
-- One rebalancing at a time, across every Rebalancer replica: a second RUNNING row is a unique violation.
CREATE UNIQUE INDEX rebalancing_runs_one_running ON rebalancing_runs ((true)) WHERE state = 2;
CREATE INDEX rebalancing_runs_by_start ON rebalancing_runs (started_at DESC, operation_id DESC);
CREATE INDEX rebalancing_runs_by_change ON rebalancing_runs (change);

-- One row per move of a run, in plan order, with the migration at Specialization that carries it out.
CREATE TABLE rebalancing_moves (
    operation_id  text             NOT NULL REFERENCES rebalancing_runs ON DELETE CASCADE,
    move_index    int              NOT NULL,
    move          bytea            NOT NULL,        -- DomainMove (source resolved when the request named none)
    library       text             NOT NULL,
    domain_id     text             NOT NULL,
    source        text             NOT NULL,
    target        text             NOT NULL,
    migration_id  text,                             -- SpecializationService's operation id, once started
    phase         smallint         NOT NULL DEFAULT 0, -- MigrationPhase
    state         smallint         NOT NULL DEFAULT 1, -- OperationState
    percent       double precision NOT NULL DEFAULT 0,
    points_moved  bigint           NOT NULL DEFAULT 0,
    bytes_moved   bigint           NOT NULL DEFAULT 0,
    throttled     boolean          NOT NULL DEFAULT false, -- paused by the adaptive throttle (and so resumed by it)
    note          text             NOT NULL DEFAULT '',    -- why it was last paused or resumed
    error         bytea,                            -- OperationError when FAILED
    started_at    timestamptz,
    finished_at   timestamptz,
    PRIMARY KEY (operation_id, move_index)
);
CREATE INDEX rebalancing_moves_by_start ON rebalancing_moves (started_at);
