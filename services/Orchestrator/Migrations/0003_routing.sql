-- The adaptive router's calibration per library: the margin chosen for one domain map version and what it achieved
-- on held-out queries. Kept so a restarted Orchestrator routes at once with the calibrated margin, not the safe default.
CREATE TABLE routing_calibrations (
    library             text PRIMARY KEY,
    domain_map_version  bigint NOT NULL,
    -- library.v1.RoutingCalibration as protobuf bytes.
    calibration         bytea NOT NULL,
    updated_at          timestamptz NOT NULL DEFAULT now()
);
