-- Yearly figures of each current unit's subtree: commitments by state and
-- members' final grades, of the members whose cell is in the subtree. The
-- committee's dashboard reads one row per figure instead of counting the
-- year's commitments per request (5.6 M at national scale). Kept like
-- unit_stats: rebuilt by loads, imports and structural changes, adjusted
-- along the cell's path by every commitment write and transfer, in the
-- writing transaction. figure: 'state:<commitment state>' or
-- 'grade:<final grade>'.
CREATE TABLE unit_year_figures (
    unit_id  INTEGER NOT NULL REFERENCES units(id),
    year     INTEGER NOT NULL,
    figure   TEXT NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (unit_id, year, figure)
) WITHOUT ROWID;
