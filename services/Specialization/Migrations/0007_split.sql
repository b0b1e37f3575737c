-- The split of "unassigned" (kind 2): the domain map version whose centroids classify the points, the points found
-- already in a domain with a newer value and so left there (skipped, not copied over), and the pass over
-- "unassigned" (points that arrive while a split runs are split by a further pass, a bounded number of them).
ALTER TABLE migrations
    ADD COLUMN map_version    bigint  NOT NULL DEFAULT 0,
    ADD COLUMN points_skipped bigint  NOT NULL DEFAULT 0,
    ADD COLUMN pass           integer NOT NULL DEFAULT 1;
