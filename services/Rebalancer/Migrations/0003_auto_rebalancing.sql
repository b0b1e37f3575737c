-- The automatic mode's settings and state, one row: the settings EnableAutoRebalancing stored (so they survive a
-- restart), since when the thresholds have been exceeded without a break (the sustain duration is measured from it, so
-- a restart does not start it over), and when the auto mode last planned (plan_only's cooldown).
CREATE TABLE auto_rebalancing (
    id           int         PRIMARY KEY CHECK (id = 1),
    settings     bytea       NOT NULL,
    updated_at   timestamptz NOT NULL,
    breach_since timestamptz,
    breach_kind  text,
    last_plan_at timestamptz
);

-- Plans the auto mode made in plan_only mode, for a person to read and apply: no event carries a plan that is not
-- executed ("rebalancing.executed" is for terminal runs).
CREATE TABLE auto_plans (
    id         bigserial   PRIMARY KEY,
    planned_at timestamptz NOT NULL,
    trigger    text        NOT NULL,
    reason     text        NOT NULL,
    plan       bytea       NOT NULL
);
CREATE INDEX auto_plans_by_time ON auto_plans (planned_at);
