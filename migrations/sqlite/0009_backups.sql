-- Scheduled backups: the first instance to claim a period (see
-- domain::backup::Every::period) takes its backup, the others skip it.
CREATE TABLE backup_claims (
    period      BIGINT PRIMARY KEY,
    instance    TEXT NOT NULL,
    claimed_at  BIGINT NOT NULL
);
