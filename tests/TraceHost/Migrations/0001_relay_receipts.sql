-- The row Receive writes, so each relayed call makes one PostgreSQL command in the trace.
CREATE TABLE relay_receipts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    note        text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
