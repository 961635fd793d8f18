-- Indexes the org pages need at national scale (measured with `dangbo generate`
-- and `dangbo bench`: 5.6 M members, 252,001 units).

-- A unit's history also lists the events that name it (mergers into it):
-- without this, `related_unit_id = ?` scanned every event.
CREATE INDEX unit_events_related ON unit_events(related_unit_id);

-- Members admitted in a year, counted per cell of a subtree from the index
-- alone instead of reading every member's row.
CREATE INDEX members_cell_admission ON members(cell_id, admission_date);
