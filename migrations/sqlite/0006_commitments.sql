-- Yearly commitments: the year's settings, each member's commitment with its
-- undertakings, grades of organisations, the in-app inbox, and settings.
-- The history of a commitment is its entries in audit_log (entity 'commitment').

-- A year's commitment template (a JSON array of section titles), deadlines
-- (the last day of each stage) and version (edits are optimistic).
ALTER TABLE years ADD COLUMN sections TEXT NOT NULL DEFAULT '[]';
ALTER TABLE years ADD COLUMN filing_deadline TEXT;
ALTER TABLE years ADD COLUMN mid_year_deadline TEXT;
ALTER TABLE years ADD COLUMN self_assessment_deadline TEXT;
ALTER TABLE years ADD COLUMN grading_deadline TEXT;
ALTER TABLE years ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
UPDATE years SET
    filing_deadline = printf('%04d-03-31', year),
    mid_year_deadline = printf('%04d-07-15', year),
    self_assessment_deadline = printf('%04d-11-30', year),
    grading_deadline = printf('%04d-12-20', year)
WHERE filing_deadline IS NULL;

CREATE TABLE commitments (
    id                  INTEGER PRIMARY KEY,
    year                INTEGER NOT NULL REFERENCES years(year),
    member_id           INTEGER NOT NULL REFERENCES members(id),
    state               TEXT NOT NULL CHECK (state IN ('draft','submitted','returned','approved','mid_year_reviewed','self_assessed','proposed','graded')),
    -- Optimistic locking: every write checks and increments it.
    version             INTEGER NOT NULL DEFAULT 1,
    -- A reopening after a deadline: the member's stages run to this day.
    extended_to         TEXT,
    -- The last return's reason (every return stays in the audit log).
    return_reason       TEXT NOT NULL DEFAULT '',
    mid_year_note       TEXT NOT NULL DEFAULT '',
    self_grade          TEXT CHECK (self_grade IN ('excellent','good','completed','not_completed')),
    self_points         INTEGER,
    self_note           TEXT NOT NULL DEFAULT '',
    proposed_grade      TEXT CHECK (proposed_grade IN ('excellent','good','completed','not_completed')),
    proposed_points     INTEGER,
    proposed_note       TEXT NOT NULL DEFAULT '',
    final_grade         TEXT CHECK (final_grade IN ('excellent','good','completed','not_completed')),
    final_points        INTEGER,
    final_note          TEXT NOT NULL DEFAULT '',
    submitted_at        TEXT,
    approved_at         TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    UNIQUE (year, member_id)
);
CREATE INDEX commitments_member ON commitments(member_id, year);
CREATE INDEX commitments_year_state ON commitments(year, state);

-- The undertakings, by section (an index into the year's sections) and order.
CREATE TABLE commitment_items (
    id              INTEGER PRIMARY KEY,
    commitment_id   INTEGER NOT NULL REFERENCES commitments(id),
    section         INTEGER NOT NULL,
    position        INTEGER NOT NULL,
    text            TEXT NOT NULL,
    -- The year-end self-assessment of this undertaking.
    result          TEXT CHECK (result IN ('done','partly','not_done')),
    result_note     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX commitment_items_commitment ON commitment_items(commitment_id, section, position);

-- Year-end grades of organisations (cells by their grassroots committee,
-- grassroots organisations by the bloc).
CREATE TABLE unit_grades (
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    year        INTEGER NOT NULL REFERENCES years(year),
    grade       TEXT NOT NULL CHECK (grade IN ('excellent','good','completed','not_completed')),
    note        TEXT NOT NULL DEFAULT '',
    decided_by  INTEGER REFERENCES users(id),
    decided_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (unit_id, year)
);

-- The in-app inbox: one row per recipient account.
CREATE TABLE notifications (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users(id),
    at              TEXT NOT NULL,
    kind            TEXT NOT NULL,
    commitment_id   INTEGER REFERENCES commitments(id),
    -- Whom it is about, and free detail (a return's reason), as written then.
    subject         TEXT NOT NULL DEFAULT '',
    detail          TEXT NOT NULL DEFAULT '',
    link            TEXT NOT NULL DEFAULT '',
    read_at         TEXT
);
CREATE INDEX notifications_user ON notifications(user_id, read_at, at);

-- Settings of the installation (e.g. the working date of a demo data set).
CREATE TABLE settings (
    key     TEXT PRIMARY KEY,
    value   TEXT NOT NULL
);
