-- Forecasts of a domain's own query rate (summed over the clusters serving it), scored like the clusters' so
-- GetPredictionAccuracy can report them per domain. A domain's load does not change when it moves, so these are the
-- forecasts the clusters' request rates are summed from. "cluster" holds the cluster serving most of the domain's
-- queries when the forecast was made; library and domain_id are empty on cluster rows.
ALTER TABLE forecasts ADD COLUMN library text NOT NULL DEFAULT '';
ALTER TABLE forecasts ADD COLUMN domain_id text NOT NULL DEFAULT '';
ALTER TABLE forecasts DROP CONSTRAINT forecasts_metric_check;
ALTER TABLE forecasts ADD CONSTRAINT forecasts_metric_check CHECK (
    (metric IN ('request_rate', 'fill_ratio') AND library = '' AND domain_id = '')
    OR (metric = 'domain_request_rate' AND library <> '' AND domain_id <> ''));
