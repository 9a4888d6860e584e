-- +goose Up
CREATE TABLE networks (
    id               TEXT PRIMARY KEY,
    slug             TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    sort_name        TEXT NOT NULL,
    name_lower       TEXT NOT NULL,
    description      TEXT NOT NULL DEFAULT '',
    description_html TEXT NOT NULL DEFAULT '',
    excerpt          TEXT NOT NULL DEFAULT '',
    topics           TEXT NOT NULL DEFAULT '[]',
    national         INTEGER NOT NULL DEFAULT 0,
    counties         TEXT NOT NULL DEFAULT '[]',
    visibility       TEXT NOT NULL,
    listed           INTEGER NOT NULL, -- 1 unless closed
    member_count     INTEGER NOT NULL DEFAULT 0,
    created_by       TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX networks_listed_sort ON networks (listed, sort_name, id);
CREATE INDEX networks_sort ON networks (sort_name, id);

-- Filter tables for the catalogue: one row per topic and per region.
CREATE TABLE network_topics (
    topic      TEXT NOT NULL,
    network_id TEXT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    PRIMARY KEY (network_id, topic)
) STRICT, WITHOUT ROWID;
CREATE TABLE network_regions (
    region     TEXT NOT NULL, -- a county number, or 'national'
    network_id TEXT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    PRIMARY KEY (network_id, region)
) STRICT, WITHOUT ROWID;

CREATE TABLE memberships (
    network_id    TEXT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    user_id       TEXT NOT NULL,
    role          TEXT NOT NULL,
    joined_at     INTEGER NOT NULL,
    name          TEXT NOT NULL,
    sort_name     TEXT NOT NULL,
    name_lower    TEXT NOT NULL,
    job_title     TEXT NOT NULL DEFAULT '',
    job_field     TEXT NOT NULL DEFAULT '',
    org_id        TEXT NOT NULL DEFAULT '',
    org_name      TEXT NOT NULL DEFAULT '',
    org_kind      TEXT NOT NULL DEFAULT '',
    county_number TEXT NOT NULL DEFAULT '',
    county_name   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (network_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX memberships_directory ON memberships (network_id, sort_name, user_id);
CREATE INDEX memberships_county ON memberships (network_id, county_number, sort_name, user_id);
CREATE INDEX memberships_org ON memberships (network_id, county_number, org_id);
CREATE INDEX memberships_role ON memberships (network_id, role);
CREATE INDEX memberships_user ON memberships (user_id, joined_at, network_id);

CREATE TABLE join_requests (
    id            TEXT PRIMARY KEY,
    network_id    TEXT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    user_id       TEXT NOT NULL,
    message       TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL,
    reason        TEXT NOT NULL DEFAULT '',
    decided_by    TEXT NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    decided_at    INTEGER NOT NULL DEFAULT 0,
    name          TEXT NOT NULL,
    job_title     TEXT NOT NULL DEFAULT '',
    job_field     TEXT NOT NULL DEFAULT '',
    org_id        TEXT NOT NULL DEFAULT '',
    org_name      TEXT NOT NULL DEFAULT '',
    org_kind      TEXT NOT NULL DEFAULT '',
    county_number TEXT NOT NULL DEFAULT '',
    county_name   TEXT NOT NULL DEFAULT '',
    UNIQUE (network_id, user_id)
) STRICT;
CREATE INDEX join_requests_list ON join_requests (network_id, status, created_at, id);
CREATE INDEX join_requests_user ON join_requests (user_id);

CREATE TABLE invitations (
    id         TEXT PRIMARY KEY,
    network_id TEXT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    email      TEXT NOT NULL,
    invited_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER NOT NULL DEFAULT 0,
    used_by    TEXT NOT NULL DEFAULT '',
    revoked_at INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX invitations_list ON invitations (network_id, created_at, id);
CREATE INDEX invitations_email ON invitations (network_id, email, expires_at);

CREATE TABLE network_audit (
    id          TEXT PRIMARY KEY,
    network_id  TEXT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    actor_id    TEXT NOT NULL,
    actor_name  TEXT NOT NULL,
    action      TEXT NOT NULL,
    target_id   TEXT NOT NULL DEFAULT '',
    target_name TEXT NOT NULL DEFAULT '',
    detail      TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX network_audit_list ON network_audit (network_id, created_at, id);

-- +goose Down
DROP TABLE network_audit;
DROP TABLE invitations;
DROP TABLE join_requests;
DROP TABLE memberships;
DROP TABLE network_regions;
DROP TABLE network_topics;
DROP TABLE networks;
