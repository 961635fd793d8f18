-- dangbo foundation schema (SQLite). Never edited once released: add a new file.

-- The organisation tree. `path` lists the ids from the root ('/1/7/42/'), so
-- "everything under X" is one range scan on an index: path >= '/1/7/' AND path < '/1/70'.
CREATE TABLE units (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('bloc','grassroots_committee','grassroots_cell','sub_committee','cell','group')),
    parent_id   INTEGER REFERENCES units(id),
    path        TEXT NOT NULL,
    depth       INTEGER NOT NULL,
    valid_from  TEXT NOT NULL,
    valid_to    TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX units_path ON units(path);
CREATE INDEX units_parent ON units(parent_id, valid_to);

-- Dated parent links: the tree as it was on any date (mergers move units).
CREATE TABLE unit_parents (
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    parent_id   INTEGER NOT NULL REFERENCES units(id),
    valid_from  TEXT NOT NULL,
    valid_to    TEXT,
    PRIMARY KEY (unit_id, valid_from)
);
CREATE INDEX unit_parents_parent ON unit_parents(parent_id, valid_from);

CREATE TABLE unit_events (
    id              INTEGER PRIMARY KEY,
    unit_id         INTEGER NOT NULL REFERENCES units(id),
    kind            TEXT NOT NULL CHECK (kind IN ('create','merge','split','rename','move','dissolve')),
    event_date      TEXT NOT NULL,
    related_unit_id INTEGER REFERENCES units(id),
    note            TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
);
CREATE INDEX unit_events_unit ON unit_events(unit_id, event_date);

CREATE TABLE members (
    id                    INTEGER PRIMARY KEY,
    card_number           TEXT NOT NULL UNIQUE CHECK (length(card_number) = 8),
    record_number         TEXT NOT NULL,
    full_name             TEXT NOT NULL,
    name_key              TEXT NOT NULL,
    search_key            TEXT NOT NULL,
    gender                TEXT NOT NULL CHECK (gender IN ('male','female')),
    birth_date            TEXT NOT NULL,
    admission_date        TEXT NOT NULL,
    full_membership_date  TEXT,
    status                TEXT NOT NULL CHECK (status IN ('probationary','full','exempt','transferred_out','deceased','removed')),
    cell_id               INTEGER NOT NULL REFERENCES units(id),
    job_title             TEXT NOT NULL DEFAULT '',
    workplace             TEXT NOT NULL DEFAULT '',
    phone                 TEXT NOT NULL DEFAULT '',
    email                 TEXT NOT NULL DEFAULT '',
    version               INTEGER NOT NULL DEFAULT 1,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
);
CREATE INDEX members_cell_status ON members(cell_id, status);
CREATE INDEX members_cell_name ON members(cell_id, name_key);
CREATE INDEX members_search ON members(search_key);

-- Member ↔ cell over time: a transfer closes one row and opens another.
CREATE TABLE memberships (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES members(id),
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    valid_from  TEXT NOT NULL,
    valid_to    TEXT,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX memberships_member ON memberships(member_id, valid_from);
CREATE INDEX memberships_unit ON memberships(unit_id, valid_from);

CREATE TABLE positions (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES members(id),
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    role        TEXT NOT NULL CHECK (role IN ('secretary','deputy_secretary','standing_committee_member','committee_member','group_leader')),
    term_label  TEXT NOT NULL,
    valid_from  TEXT NOT NULL,
    valid_to    TEXT
);
CREATE INDEX positions_unit ON positions(unit_id, role);
CREATE INDEX positions_member ON positions(member_id);

CREATE TABLE years (
    year        INTEGER PRIMARY KEY,
    theme       TEXT NOT NULL,
    rule_set    TEXT NOT NULL CHECK (rule_set IN ('rules_2019','rules_2023','rules_2025')),
    created_at  TEXT NOT NULL
);

-- Append-only record of every state change.
CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    actor_user_id INTEGER,
    actor_label   TEXT NOT NULL,
    action        TEXT NOT NULL,
    entity        TEXT NOT NULL,
    entity_id     TEXT,
    before_json   TEXT,
    after_json    TEXT,
    ip            TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
