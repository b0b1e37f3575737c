-- A replica drop that has taken its cluster out of routing (kind 4, phase 6 CLEANING_UP) no longer holds its domain:
-- dropping the collection waits for that cluster, however long it is down, and other changes of the domain go on
-- meanwhile (a change that would put the domain back on that cluster is refused until the drop ends).
DROP INDEX migrations_one_per_domain;
CREATE UNIQUE INDEX migrations_one_per_domain ON migrations (library, domain_id)
    WHERE state IN (1, 2, 3) AND NOT (kind = 4 AND phase = 6);
