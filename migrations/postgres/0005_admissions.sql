-- Members admitted per year in each current unit's subtree. The bloc's
-- summary shows "admitted this year"; counting it from the members took
-- 146 ms at national scale (5.6 M members), this reads one row. Kept up to
-- date with unit_stats: rebuilt by loads and structural changes, adjusted
-- along the two paths by a transfer.
CREATE TABLE unit_admissions (
    unit_id   BIGINT NOT NULL REFERENCES units(id),
    year      INTEGER NOT NULL,
    admitted  BIGINT NOT NULL,
    PRIMARY KEY (unit_id, year)
);
