-- Accounts, login throttling, and the unit an audit entry belongs to (for scoping).

CREATE TABLE users (
    id                    INTEGER PRIMARY KEY,
    -- A member's card number, or a lower-case e-mail for staff accounts.
    username              TEXT NOT NULL UNIQUE,
    member_id             INTEGER UNIQUE REFERENCES members(id),
    display_name          TEXT NOT NULL,
    password_hash         TEXT NOT NULL,
    is_admin              BOOLEAN NOT NULL DEFAULT 0,
    disabled              BOOLEAN NOT NULL DEFAULT 0,
    must_change_password  BOOLEAN NOT NULL DEFAULT 0,
    failed_logins         INTEGER NOT NULL DEFAULT 0,
    failure_window_start  TEXT,
    locked_until          TEXT,
    last_login_at         TEXT,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
);

-- Failed logins per client address.
CREATE TABLE login_throttle (
    address       TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL,
    window_start  TEXT NOT NULL,
    locked_until  TEXT
);

ALTER TABLE audit_log ADD COLUMN unit_path TEXT;
CREATE INDEX audit_log_unit_path ON audit_log(unit_path, at);
CREATE INDEX audit_log_actor ON audit_log(actor_user_id, at);
