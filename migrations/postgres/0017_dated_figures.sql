-- Members listed for a Party badge on the next award date, per milestone,
-- in each current unit's subtree, for the dashboard: kept like
-- unit_cohorts (rebuilt by loads and structural changes, moved along the
-- paths by a badge, a mark, a discipline, a gap, a transfer or a change of
-- status), and counted again when the next award date is another one.
CREATE TABLE badges_due_on (
    id         INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    award_date DATE NOT NULL
);

CREATE TABLE unit_badges_due (
    unit_id   BIGINT NOT NULL REFERENCES units(id),
    milestone INTEGER NOT NULL,
    n         BIGINT NOT NULL,
    PRIMARY KEY (unit_id, milestone)
);

-- Probationary members of each current unit's subtree by admission day,
-- for the dashboard's "due for full membership by a day": a sum over the
-- subtree's few hundred days at most, not a count of its members. Kept
-- like unit_admissions (rebuilt by loads and structural changes, moved
-- along the paths by a transfer or a change of status).
CREATE TABLE unit_probations (
    unit_id     BIGINT NOT NULL REFERENCES units(id),
    admitted_on DATE NOT NULL,
    n           BIGINT NOT NULL,
    PRIMARY KEY (unit_id, admitted_on)
);
