-- +goose Up
-- Names of who invited, used an invitation or decided a request, kept as they
-- were at the time, so lists say who did it without a lookup per row.
ALTER TABLE invitations ADD COLUMN invited_by_name TEXT NOT NULL DEFAULT '';
ALTER TABLE invitations ADD COLUMN used_by_name TEXT NOT NULL DEFAULT '';
ALTER TABLE join_requests ADD COLUMN decided_by_name TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE join_requests DROP COLUMN decided_by_name;
ALTER TABLE invitations DROP COLUMN used_by_name;
ALTER TABLE invitations DROP COLUMN invited_by_name;
