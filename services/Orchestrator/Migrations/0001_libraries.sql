-- The libraries clients created, and the settings of each ('' holds the defaults for libraries without their own).
-- Kept in PostgreSQL, not Redis: a library acknowledged to a client must survive a crash of the store itself.
CREATE TABLE libraries (
    name        text PRIMARY KEY,
    dimension   integer NOT NULL CHECK (dimension BETWEEN 1 AND 65536),
    distance    smallint NOT NULL,
    description text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE library_settings (
    library    text PRIMARY KEY,
    -- library.v1.RoutingSettings and library.v1.FusionConfig as protobuf bytes; null means the defaults.
    routing    bytea,
    fusion     bytea,
    updated_at timestamptz NOT NULL DEFAULT now()
);
