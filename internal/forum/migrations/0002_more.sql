-- +goose Up
ALTER TABLE forum_flags ADD COLUMN resolved_by_name TEXT NOT NULL DEFAULT '';
ALTER TABLE forum_drafts ADD COLUMN quoted_post_id TEXT NOT NULL DEFAULT '';
CREATE INDEX forum_watches_user ON forum_watches (user_id, target);

-- +goose Down
DROP INDEX forum_watches_user;
ALTER TABLE forum_drafts DROP COLUMN quoted_post_id;
ALTER TABLE forum_flags DROP COLUMN resolved_by_name;
