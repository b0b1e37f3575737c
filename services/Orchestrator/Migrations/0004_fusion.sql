-- ML_BASED fusion's learnt calibrations, one model per library (FusionModelTrainer), as JSON: a calibration per list
-- source and one pooled. Kept in PostgreSQL so a restart keeps what live traffic taught.
CREATE TABLE fusion_models (
    library    text PRIMARY KEY,
    model      jsonb NOT NULL,
    queries    integer NOT NULL,
    trained_at timestamptz NOT NULL
);
