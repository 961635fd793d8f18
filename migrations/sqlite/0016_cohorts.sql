-- Members (probationary, full, exempt) of each current unit's subtree by
-- gender and by the statistics forms' age bands, for the dashboard: kept
-- like unit_stats (rebuilt by loads and structural changes, adjusted along
-- the paths by a transfer or a change of status), and counted again when
-- the year they are reckoned in turns (ages are reached in a year).
CREATE TABLE unit_cohorts (
    unit_id   INTEGER NOT NULL PRIMARY KEY REFERENCES units(id),
    year      INTEGER NOT NULL,
    male      INTEGER NOT NULL DEFAULT 0,
    female    INTEGER NOT NULL DEFAULT 0,
    age_to_30 INTEGER NOT NULL DEFAULT 0,
    age_31_40 INTEGER NOT NULL DEFAULT 0,
    age_41_50 INTEGER NOT NULL DEFAULT 0,
    age_51_60 INTEGER NOT NULL DEFAULT 0,
    age_over_60 INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Probationary members due for full membership, by admission date.
CREATE INDEX members_status_admission ON members(status, admission_date);
