-- The Rebalancer's time series. Raw load samples are kept per reporter (each Orchestrator reports its own share every
-- few seconds; redelivered events land on the same key), summed per cluster when read. Samples older than the raw
-- retention are rolled up into one row per cluster (and per domain) per rollup width, then deleted: rollups hold what
-- is older than the cutoff, raw rows what is newer, so a series reads both without counting anything twice.
CREATE TABLE load_samples (
    cluster      text             NOT NULL,
    reporter     text             NOT NULL,
    window_end   timestamptz      NOT NULL,
    request_rate double precision NOT NULL,
    latency_p99  double precision NOT NULL,
    error_rate   double precision NOT NULL,
    requests     bigint           NOT NULL,
    PRIMARY KEY (cluster, reporter, window_end)
);
CREATE INDEX load_samples_by_time ON load_samples (window_end);

CREATE TABLE domain_load_samples (
    cluster    text             NOT NULL,
    reporter   text             NOT NULL,
    window_end timestamptz      NOT NULL,
    library    text             NOT NULL,
    domain_id  text             NOT NULL,
    query_rate double precision NOT NULL,
    queries    bigint           NOT NULL,
    PRIMARY KEY (cluster, reporter, window_end, library, domain_id)
);
CREATE INDEX domain_load_samples_by_time ON domain_load_samples (window_end);

-- One row per cluster per rollup bucket: rates summed over reporters (each reporter's mean in the bucket), the worst
-- p99, the mean error rate.
CREATE TABLE load_rollups (
    cluster      text             NOT NULL,
    bucket_start timestamptz      NOT NULL,
    request_rate double precision NOT NULL,
    latency_p99  double precision NOT NULL,
    error_rate   double precision NOT NULL,
    requests     bigint           NOT NULL,
    PRIMARY KEY (cluster, bucket_start)
);

CREATE TABLE domain_load_rollups (
    cluster      text             NOT NULL,
    bucket_start timestamptz      NOT NULL,
    library      text             NOT NULL,
    domain_id    text             NOT NULL,
    query_rate   double precision NOT NULL,
    queries      bigint           NOT NULL,
    PRIMARY KEY (cluster, bucket_start, library, domain_id)
);

-- Sizes counted through the cluster port every SizeSampleInterval (already coarse: kept as they are, for the rollup
-- retention). Capacity is copied so a fill ratio of the past reads the capacity of the past.
CREATE TABLE size_samples (
    cluster         text        NOT NULL,
    sampled_at      timestamptz NOT NULL,
    point_count     bigint      NOT NULL,
    size_bytes      bigint      NOT NULL,
    capacity_points bigint      NOT NULL,
    capacity_bytes  bigint      NOT NULL,
    PRIMARY KEY (cluster, sampled_at)
);
CREATE INDEX size_samples_by_time ON size_samples (sampled_at);

CREATE TABLE domain_size_samples (
    cluster     text        NOT NULL,
    sampled_at  timestamptz NOT NULL,
    library     text        NOT NULL,
    domain_id   text        NOT NULL,
    point_count bigint      NOT NULL,
    size_bytes  bigint      NOT NULL,
    PRIMARY KEY (cluster, sampled_at, library, domain_id)
);
CREATE INDEX domain_size_samples_by_time ON domain_size_samples (sampled_at);

-- The thresholds in effect (one row), as SetRebalancingThresholds resolved them.
CREATE TABLE thresholds (
    id         int         PRIMARY KEY CHECK (id = 1),
    thresholds bytea       NOT NULL, -- RebalancingThresholds
    updated_at timestamptz NOT NULL
);

-- Every forecast value made, kept to be scored when its time arrives: the actual value, and the naive forecast (the
-- last value seen when the forecast was made) to compare with.
CREATE TABLE forecasts (
    id          bigserial PRIMARY KEY,
    made_at     timestamptz      NOT NULL,
    target_time timestamptz      NOT NULL,
    cluster     text             NOT NULL,
    metric      text             NOT NULL CHECK (metric IN ('request_rate', 'fill_ratio')),
    model       text             NOT NULL,
    predicted   double precision NOT NULL,
    lower_bound double precision NOT NULL,
    upper_bound double precision NOT NULL,
    naive       double precision NOT NULL,
    actual      double precision,
    scored_at   timestamptz
);
CREATE INDEX forecasts_due ON forecasts (target_time) WHERE scored_at IS NULL;
CREATE INDEX forecasts_scored ON forecasts (target_time) WHERE actual IS NOT NULL;
