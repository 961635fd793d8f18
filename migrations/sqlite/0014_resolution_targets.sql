-- Resolution targets (chỉ tiêu nghị quyết, domain::targets): the targets a
-- unit's yearly resolution sets, set up by the unit's standing committee.
-- Values are in tenths (95 is 950, 38,9 % is 389). The actual of a known
-- indicator is counted from the data when read; `actual` holds only what is
-- entered by hand for the others. Every write raises `version` and writes
-- its audit entry (entity 'target') in the same transaction.
CREATE TABLE resolution_targets (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    year        INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    indicator   TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    measure     TEXT NOT NULL DEFAULT '',
    direction   TEXT NOT NULL DEFAULT 'at_least',
    target      INTEGER NOT NULL,
    actual      INTEGER,
    note        TEXT NOT NULL DEFAULT '',
    evidence    TEXT NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX resolution_targets_unit_year ON resolution_targets(unit_id, year, position);
