-- Login attempts, counted atomically in one statement per counter (see
-- domain::throttle): per address (username ''), per username from an address,
-- and per username everywhere (address ''). Kept by the username as typed, so
-- that unknown usernames count and lock like known ones. Times are Unix
-- milliseconds, compared as numbers alike on both backends.
CREATE TABLE login_counters (
    username      TEXT NOT NULL,
    address       TEXT NOT NULL,
    failures      BIGINT NOT NULL,
    window_start  BIGINT NOT NULL,
    locked_until  BIGINT,
    PRIMARY KEY (username, address)
);

-- Replaced by the table above; the counters on users are no longer kept.
DROP TABLE login_throttle;

-- A password change or reset moves the account to a new session epoch: every
-- session logged in under an older one ends at its next request.
ALTER TABLE users ADD COLUMN session_epoch BIGINT NOT NULL DEFAULT 0;
