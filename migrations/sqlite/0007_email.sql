-- Notices sent on by e-mail (when SMTP is configured): when each was handled,
-- so that every instance of the server sends each notice once.
ALTER TABLE notifications ADD COLUMN emailed_at TEXT;
CREATE INDEX notifications_unmailed ON notifications(id) WHERE emailed_at IS NULL;
