-- Discovery's state: immutable domain map versions, the analysis history, per-library settings and thresholds,
-- patterns found between versions, and the per-domain load the Orchestrator reports.

-- One row per stored map version; never updated. The map itself (domains with centroids) is the DomainMap protobuf:
-- it is read and written whole, and the columns beside it are what queries filter and order by.
CREATE TABLE domain_maps (
    library             text             NOT NULL,
    version             bigint           NOT NULL,
    previous_version    bigint           NOT NULL,
    published           boolean          NOT NULL,
    strategy            integer          NOT NULL,
    dimension           integer          NOT NULL,
    distance            integer          NOT NULL,
    sampled_points      bigint           NOT NULL,
    total_points        bigint           NOT NULL,
    unassigned_fraction double precision NOT NULL,
    silhouette          double precision NOT NULL,
    domain_count        integer          NOT NULL,
    operation_id        text             NOT NULL,
    created_at          timestamptz      NOT NULL,
    -- Global order of insertion, for watchers that follow every library.
    position            bigserial        NOT NULL UNIQUE,
    map                 bytea            NOT NULL,
    PRIMARY KEY (library, version)
);

CREATE INDEX domain_maps_published ON domain_maps (library, version DESC) WHERE published;

-- One row per analysis, inserted when it starts and brought to its final state in the transaction that stores its map.
CREATE TABLE analyses (
    operation_id    text             PRIMARY KEY,
    library         text             NOT NULL,
    request_id      text             UNIQUE,
    trigger         text             NOT NULL,
    dry_run         boolean          NOT NULL,
    strategy        integer          NOT NULL,
    seed            bigint           NOT NULL,
    settings        bytea            NOT NULL,
    state           integer          NOT NULL,
    message         text             NOT NULL DEFAULT '',
    map_version     bigint           NOT NULL DEFAULT 0,
    domain_count    integer          NOT NULL DEFAULT 0,
    sampled_points  bigint           NOT NULL DEFAULT 0,
    silhouette      double precision NOT NULL DEFAULT 0,
    published       boolean          NOT NULL DEFAULT false,
    started_at      timestamptz      NOT NULL,
    finished_at     timestamptz,
    duration_ms     double precision,
    clustering_ms   double precision,
    error_code      text,
    error_message   text,
    error_retryable boolean          NOT NULL DEFAULT false
);

-- One analysis per library at a time, across every replica: a second insert for the library fails here.
CREATE UNIQUE INDEX analyses_one_active_per_library ON analyses (library) WHERE state IN (1, 2);
CREATE INDEX analyses_newest_first ON analyses (started_at DESC, operation_id DESC);
CREATE INDEX analyses_library_newest_first ON analyses (library, started_at DESC, operation_id DESC);

-- Thresholds and analysis settings per library; the library '' holds the default for libraries without their own.
CREATE TABLE thresholds (
    library    text        PRIMARY KEY,
    thresholds bytea       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE analysis_settings (
    library    text        PRIMARY KEY,
    settings   bytea       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Changes found when a version was stored, against the version it succeeds (a DiscoverPatternsResponse's patterns).
CREATE TABLE detected_patterns (
    library      text   NOT NULL,
    version      bigint NOT NULL,
    from_version bigint NOT NULL,
    patterns     bytea  NOT NULL,
    PRIMARY KEY (library, version),
    FOREIGN KEY (library, version) REFERENCES domain_maps (library, version)
);

-- Queries per domain per load window, from "cluster.load" events; kept for the usage window of DiscoverPatterns.
CREATE TABLE domain_load (
    library      text        NOT NULL,
    domain_id    text        NOT NULL,
    cluster      text        NOT NULL,
    reporter     text        NOT NULL,
    window_start timestamptz NOT NULL,
    window_ms    bigint      NOT NULL,
    query_count  bigint      NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX domain_load_by_library ON domain_load (library, window_start);
