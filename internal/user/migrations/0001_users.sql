-- +goose Up
CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL,
    email_lower   TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    org_id        TEXT NOT NULL,
    job_title     TEXT NOT NULL DEFAULT '',
    job_field     TEXT NOT NULL,
    site_role     TEXT NOT NULL,
    language      TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX users_org ON users (org_id);

-- +goose Down
DROP TABLE users;
