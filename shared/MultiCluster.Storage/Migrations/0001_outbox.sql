-- Transactional outbox: events written in the same transaction as the state change they announce,
-- published afterwards by the outbox relay in position order and then marked sent.
CREATE TABLE outbox (
    position   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id   text        NOT NULL,
    topic      text        NOT NULL,
    -- The whole CloudEvents envelope (structured JSON): republishing after a crash sends the same id.
    envelope   jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at    timestamptz
);

-- The relay reads only what is still to send, oldest first.
CREATE INDEX outbox_unsent ON outbox (position) WHERE sent_at IS NULL;
