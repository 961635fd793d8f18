-- Org chart, search and rolled-up figures.

-- Vietnamese sort order and diacritic-free search text of a unit's name,
-- written by the application (domain::text) on every insert or rename.
ALTER TABLE units ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';
ALTER TABLE units ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
-- One level of the chart, in display order, one index range.
CREATE INDEX units_children ON units(parent_id, valid_to, sort_key, id);

-- Figures of each unit's current subtree, changed in the transaction that
-- changes members or structure, so that a chart level at national scale
-- reads one row per node instead of counting millions of members.
CREATE TABLE unit_stats (
    unit_id               INTEGER PRIMARY KEY REFERENCES units(id),
    full_members          INTEGER NOT NULL DEFAULT 0,
    probationary_members  INTEGER NOT NULL DEFAULT 0,
    exempt_members        INTEGER NOT NULL DEFAULT 0,
    grassroots_committees INTEGER NOT NULL DEFAULT 0,
    grassroots_cells      INTEGER NOT NULL DEFAULT 0,
    sub_committees        INTEGER NOT NULL DEFAULT 0,
    cells                 INTEGER NOT NULL DEFAULT 0,
    groups                INTEGER NOT NULL DEFAULT 0
);

-- Every diacritic-free word of a member's name: "dien" finds "Trần Thanh
-- Điền" by an index range on the word instead of scanning every name.
CREATE TABLE member_words (
    word       TEXT NOT NULL,
    member_id  INTEGER NOT NULL REFERENCES members(id),
    PRIMARY KEY (word, member_id)
) WITHOUT ROWID;
CREATE INDEX member_words_member ON member_words(member_id);

CREATE INDEX positions_unit_current ON positions(unit_id, valid_to, role);
CREATE INDEX unit_parents_current ON unit_parents(parent_id, valid_to);
CREATE INDEX memberships_unit_current ON memberships(unit_id, valid_to);
