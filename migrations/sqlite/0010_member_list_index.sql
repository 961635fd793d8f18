-- A unit's member list, sorted by name, reads the candidates' names from the
-- index instead of each member's row: (cell_id, status) gains name_key.
-- The old index is a prefix of the new one, so counts by cell and status
-- keep using it.
DROP INDEX members_cell_status;
CREATE INDEX members_cell_status_name ON members(cell_id, status, name_key);
