-- +goose Up
-- The library resources a draft attaches (a JSON array of ids).
ALTER TABLE forum_drafts ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]';

-- +goose Down
ALTER TABLE forum_drafts DROP COLUMN attachments;
