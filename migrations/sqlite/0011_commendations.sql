-- Commendations, good models and Party badges (domain::commendation,
-- domain::proposal, domain::decision, domain::badge). Every step's history is
-- its entries in audit_log (entity 'proposal', 'decision', 'good_model',
-- 'badge').

-- Good models and effective practices (mô hình hay, cách làm hiệu quả), one
-- row per unit per year; recognised by the committee above.
CREATE TABLE good_models (
    id              INTEGER PRIMARY KEY,
    unit_id         INTEGER NOT NULL REFERENCES units(id),
    year            INTEGER NOT NULL,
    title           TEXT NOT NULL,
    -- The title folded (no diacritics, đ → d, lower case) for search.
    title_key       TEXT NOT NULL,
    field           TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    run_by          TEXT NOT NULL DEFAULT '',
    since           TEXT,
    results         TEXT NOT NULL DEFAULT '',
    recognised_by   INTEGER REFERENCES units(id),
    recognised_on   TEXT,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX good_models_year_unit ON good_models(year, unit_id);
CREATE INDEX good_models_unit ON good_models(unit_id, year);

-- A proposal: a list of nominees for one form and occasion, from a unit's
-- leadership to the level asked to award (NULL: the province, through the bloc).
CREATE TABLE commendation_proposals (
    id              INTEGER PRIMARY KEY,
    proposer_id     INTEGER NOT NULL REFERENCES units(id),
    awarder_id      INTEGER REFERENCES units(id),
    year            INTEGER NOT NULL,
    occasion        TEXT NOT NULL CHECK (occasion IN ('yearly','five_years','thematic','ad_hoc')),
    form            TEXT NOT NULL CHECK (form IN ('praise','certificate','provincial_certificate','banner')),
    title           TEXT NOT NULL,
    -- The cover submission (tờ trình) and the meeting minutes' excerpt.
    cover           TEXT NOT NULL DEFAULT '',
    minutes         TEXT NOT NULL DEFAULT '',
    state           TEXT NOT NULL CHECK (state IN ('draft','submitted','returned','approved','decided','rejected','forwarded')),
    -- The last return's or the rejection's reason (all stay in the audit log).
    reason          TEXT NOT NULL DEFAULT '',
    -- A proposal a level made of nominees forwarded to it.
    forwarded_from  INTEGER REFERENCES commendation_proposals(id),
    version         INTEGER NOT NULL DEFAULT 1,
    submitted_on    TEXT,
    created_by      INTEGER REFERENCES users(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX commendation_proposals_awarder ON commendation_proposals(awarder_id, state);
CREATE INDEX commendation_proposals_proposer ON commendation_proposals(proposer_id, year);

-- Decisions, numbered per issuing committee per term ("123-QĐ/ĐUK"); the
-- province's (issuer NULL) carry the number it gave.
CREATE TABLE decisions (
    id              INTEGER PRIMARY KEY,
    issuer_id       INTEGER REFERENCES units(id),
    term_start      INTEGER NOT NULL,
    seq             INTEGER,
    number          TEXT NOT NULL,
    decided_on      TEXT NOT NULL,
    signer_name     TEXT NOT NULL,
    signer_position TEXT NOT NULL CHECK (signer_position IN ('secretary','deputy_secretary')),
    year            INTEGER NOT NULL,
    occasion        TEXT NOT NULL,
    form            TEXT NOT NULL,
    title           TEXT NOT NULL,
    proposal_id     INTEGER NOT NULL UNIQUE REFERENCES commendation_proposals(id),
    created_by      INTEGER REFERENCES users(id),
    created_at      TEXT NOT NULL,
    UNIQUE (issuer_id, term_start, seq)
);
CREATE INDEX decisions_issuer ON decisions(issuer_id, decided_on);
CREATE INDEX decisions_year ON decisions(year, issuer_id);

-- The last number given per issuer and term: raised and read back in the
-- transaction that writes the decision, so numbers have no gaps and no twins.
CREATE TABLE decision_counters (
    issuer_id   INTEGER NOT NULL REFERENCES units(id),
    term_start  INTEGER NOT NULL,
    last        INTEGER NOT NULL,
    PRIMARY KEY (issuer_id, term_start)
);

-- Nominees: a member or an organisation, with their achievement report.
CREATE TABLE commendation_nominees (
    id              INTEGER PRIMARY KEY,
    proposal_id     INTEGER NOT NULL REFERENCES commendation_proposals(id),
    position        INTEGER NOT NULL,
    member_id       INTEGER REFERENCES members(id),
    unit_id         INTEGER REFERENCES units(id),
    achievements    TEXT NOT NULL DEFAULT '',
    good_model_id   INTEGER REFERENCES good_models(id),
    outcome         TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending','approved','struck_out','forwarded')),
    outcome_reason  TEXT NOT NULL DEFAULT '',
    decision_id     INTEGER REFERENCES decisions(id),
    CHECK ((member_id IS NULL) <> (unit_id IS NULL))
);
CREATE INDEX commendation_nominees_proposal ON commendation_nominees(proposal_id, position);
CREATE INDEX commendation_nominees_member ON commendation_nominees(member_id);
CREATE INDEX commendation_nominees_unit ON commendation_nominees(unit_id);
CREATE INDEX commendation_nominees_decision ON commendation_nominees(decision_id);

-- One achievement, one award: a nominee is held by at most one live proposal
-- for a year, occasion and form ('m42' a member, 'u7' a unit). Released when
-- struck out or rejected, moved along when forwarded.
CREATE TABLE commendation_claims (
    subject     TEXT NOT NULL,
    year        INTEGER NOT NULL,
    occasion    TEXT NOT NULL,
    form        TEXT NOT NULL,
    nominee_id  INTEGER NOT NULL REFERENCES commendation_nominees(id),
    PRIMARY KEY (subject, year, occasion, form)
);

-- The dossier's attachments (PDF, DOCX, images), type checked by content.
CREATE TABLE proposal_attachments (
    id              INTEGER PRIMARY KEY,
    proposal_id     INTEGER NOT NULL REFERENCES commendation_proposals(id),
    name            TEXT NOT NULL,
    content_type    TEXT NOT NULL,
    size            INTEGER NOT NULL,
    sha256          TEXT NOT NULL,
    data            BLOB NOT NULL,
    uploaded_by     INTEGER REFERENCES users(id),
    uploaded_at     TEXT NOT NULL
);
CREATE INDEX proposal_attachments_proposal ON proposal_attachments(proposal_id);

-- Periods a member spent outside the Party, left out of membership age.
CREATE TABLE membership_gaps (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES members(id),
    gap_from    TEXT NOT NULL,
    gap_to      TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX membership_gaps_member ON membership_gaps(member_id);

-- Disciplines (kỷ luật), as far as badges need them: the date and the form.
CREATE TABLE disciplines (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES members(id),
    decided_on  TEXT NOT NULL,
    form        TEXT NOT NULL CHECK (form IN ('reprimand','warning','removal_from_post')),
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX disciplines_member ON disciplines(member_id);

-- A secretary's mark that a member's badge may come early (seriously ill)
-- or posthumously.
CREATE TABLE badge_marks (
    member_id   INTEGER PRIMARY KEY REFERENCES members(id),
    early       TEXT NOT NULL CHECK (early IN ('seriously_ill','posthumous')),
    marked_by   INTEGER REFERENCES users(id),
    marked_at   TEXT NOT NULL
);

-- Badges the province awarded, as the bloc records them.
CREATE TABLE badges (
    id              INTEGER PRIMARY KEY,
    member_id       INTEGER NOT NULL REFERENCES members(id),
    milestone       INTEGER NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('award','replacement','posthumous')),
    award_date      TEXT NOT NULL,
    decision_number TEXT NOT NULL,
    badge_number    TEXT NOT NULL DEFAULT '',
    recorded_by     INTEGER REFERENCES users(id),
    recorded_at     TEXT NOT NULL
);
CREATE INDEX badges_member ON badges(member_id, milestone);
CREATE INDEX badges_award_date ON badges(award_date);
