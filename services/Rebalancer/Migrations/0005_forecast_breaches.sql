-- Breaches forecasts predicted, kept so GetPredictionAccuracy can judge them as the future arrives (breach_precision,
-- breach_recall). One row per forecast, threshold and subject: the subject is a cluster for max_fill_ratio, '' (the
-- clusters together) for max_load_imbalance. breach_time is the first forecast bucket above the limit, NULL when the
-- forecast saw none in [covered_from, covered_to): such rows still say which future the forecast looked at, so a breach
-- that happened there unforeseen counts against recall. The limit is the one in effect when the forecast was made: an
-- actual breach is the observed series crossing that same value.
CREATE TABLE forecast_breaches (
    id              bigserial        PRIMARY KEY,
    made_at         timestamptz      NOT NULL,
    threshold       text             NOT NULL CHECK (threshold IN ('max_fill_ratio', 'max_load_imbalance')),
    subject         text             NOT NULL,
    threshold_value double precision NOT NULL,
    covered_from    timestamptz      NOT NULL,
    covered_to      timestamptz      NOT NULL,
    breach_time     timestamptz,
    CHECK ((threshold = 'max_load_imbalance') = (subject = ''))
);
CREATE INDEX forecast_breaches_by_cover ON forecast_breaches (covered_to, covered_from);
