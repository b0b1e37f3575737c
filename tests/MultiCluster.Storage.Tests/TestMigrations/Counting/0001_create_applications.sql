-- No IF NOT EXISTS on purpose: applying this twice fails.
CREATE TABLE applications (
    id   serial PRIMARY KEY,
    note text NOT NULL
);
