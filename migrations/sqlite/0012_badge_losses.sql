-- A badge reported lost (by the member's cell), and the badge the province
-- gave in its place: at most one replacement per lost badge, which keeps
-- two decisions recorded at the same moment from replacing it twice.
ALTER TABLE badges ADD COLUMN lost_on TEXT;
ALTER TABLE badges ADD COLUMN lost_note TEXT NOT NULL DEFAULT '';
ALTER TABLE badges ADD COLUMN replaces INTEGER REFERENCES badges(id);
CREATE UNIQUE INDEX badges_replaces ON badges(replaces) WHERE replaces IS NOT NULL;
CREATE INDEX badges_lost ON badges(lost_on) WHERE lost_on IS NOT NULL;
