-- Every plan, specialization, migration, configuration change, routing flip and policy change, for
-- GetSpecializationHistory. One row per operation, updated in place until it finishes.
CREATE TABLE specialization_history (
    record_id       bigserial PRIMARY KEY,
    kind            smallint    NOT NULL,   -- SpecializationEventKind
    operation_id    text        NOT NULL,
    library         text        NOT NULL,
    domain_id       text        NOT NULL DEFAULT '',
    state           smallint    NOT NULL,   -- OperationState
    summary         text        NOT NULL,
    routing_version bigint      NOT NULL DEFAULT 0,
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz
);
CREATE UNIQUE INDEX specialization_history_operation ON specialization_history (kind, operation_id);
CREATE INDEX specialization_history_newest ON specialization_history (started_at DESC, record_id DESC);
CREATE INDEX specialization_history_library ON specialization_history (library, started_at DESC);
