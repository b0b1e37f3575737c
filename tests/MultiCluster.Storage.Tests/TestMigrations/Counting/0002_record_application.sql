-- One row per application of this migration: more than one row means it ran twice.
INSERT INTO applications (note) VALUES ('applied');
