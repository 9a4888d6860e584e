-- +goose Up
-- A post's attachments (library resource ids, a JSON array), also kept with
-- each earlier text.
ALTER TABLE forum_posts ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]';
ALTER TABLE forum_revisions ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]';

-- The posts that attach each resource, for the resource's «discussed in» list:
-- one row per (post, resource), written with the post, replaced on edit and
-- removed when the post is deleted, in the same transaction.
CREATE TABLE forum_post_attachments (
    post_id     TEXT NOT NULL,
    resource_id TEXT NOT NULL,
    created_at  INTEGER NOT NULL, -- the post's
    thread_id   TEXT NOT NULL,
    network_id  TEXT NOT NULL,
    PRIMARY KEY (post_id, resource_id)
) STRICT, WITHOUT ROWID;
-- Newest first per resource, read backwards.
CREATE INDEX forum_post_attachments_resource ON forum_post_attachments (resource_id, created_at, post_id);

-- +goose Down
DROP TABLE forum_post_attachments;
ALTER TABLE forum_revisions DROP COLUMN attachments;
ALTER TABLE forum_posts DROP COLUMN attachments;
