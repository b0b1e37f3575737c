-- The copy verifies every batch as it writes it (read back from the target) and keeps the running digest of what it
-- verified with the checkpoint, so a job resumed after a crash goes on adding to it and the final check can compare the
-- source against it instead of reading the target whole again. NULL before the first batch.
ALTER TABLE migrations ADD COLUMN copy_digest text;
