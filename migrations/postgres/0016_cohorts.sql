-- Members (probationary, full, exempt) of each current unit's subtree by
-- gender and by the statistics forms' age bands, for the dashboard: kept
-- like unit_stats (rebuilt by loads and structural changes, adjusted along
-- the paths by a transfer or a change of status), and counted again when
-- the year they are reckoned in turns (ages are reached in a year).
CREATE TABLE unit_cohorts (
    unit_id   BIGINT NOT NULL PRIMARY KEY REFERENCES units(id),
    year      INTEGER NOT NULL,
    male      BIGINT NOT NULL DEFAULT 0,
    female    BIGINT NOT NULL DEFAULT 0,
    age_to_30 BIGINT NOT NULL DEFAULT 0,
    age_31_40 BIGINT NOT NULL DEFAULT 0,
    age_41_50 BIGINT NOT NULL DEFAULT 0,
    age_51_60 BIGINT NOT NULL DEFAULT 0,
    age_over_60 BIGINT NOT NULL DEFAULT 0
);

-- Probationary members due for full membership, by admission date.
CREATE INDEX members_status_admission ON members(status, admission_date);
