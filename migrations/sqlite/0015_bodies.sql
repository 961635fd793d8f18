-- Special bodies attached to a unit (domain::body): the Steering Committee
-- 35, its secretariat, its collaborators and their wider group. People are
-- party members of the app (member_id) or outside people (a name and a
-- workplace), each with a role from a day until a day they leave (NULL:
-- still in). Every change raises the body's version and writes its audit
-- entry (entity 'body') in the same transaction.
CREATE TABLE bodies (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    since       TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX bodies_unit ON bodies(unit_id, kind);

CREATE TABLE body_people (
    id          INTEGER PRIMARY KEY,
    body_id     INTEGER NOT NULL REFERENCES bodies(id),
    member_id   INTEGER REFERENCES members(id),
    full_name   TEXT NOT NULL,
    workplace   TEXT NOT NULL DEFAULT '',
    role        TEXT NOT NULL,
    valid_from  TEXT NOT NULL,
    valid_to    TEXT
);
CREATE INDEX body_people_body ON body_people(body_id, valid_to);
