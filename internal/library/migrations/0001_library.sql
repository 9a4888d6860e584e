-- +goose Up
CREATE TABLE library_resources (
    id               TEXT PRIMARY KEY,
    network_id       TEXT NOT NULL,
    title            TEXT NOT NULL,
    sort_title       TEXT NOT NULL,
    description      TEXT NOT NULL DEFAULT '',
    description_html TEXT NOT NULL DEFAULT '',
    excerpt          TEXT NOT NULL DEFAULT '',
    kind             TEXT NOT NULL,
    topics           TEXT NOT NULL DEFAULT '[]', -- JSON array of topic keys
    org_id           TEXT NOT NULL,
    org_name         TEXT NOT NULL,
    county_number    TEXT NOT NULL DEFAULT '',
    year             INTEGER NOT NULL DEFAULT 0,
    licence          TEXT NOT NULL,
    link             TEXT NOT NULL DEFAULT '',
    -- the current file (file_version 0: a web link)
    file_version     INTEGER NOT NULL DEFAULT 0,
    file_name        TEXT NOT NULL DEFAULT '',
    file_format      TEXT NOT NULL DEFAULT '',
    file_size        INTEGER NOT NULL DEFAULT 0,
    file_sha256      TEXT NOT NULL DEFAULT '',
    file_uploaded_at INTEGER NOT NULL DEFAULT 0,
    version_count    INTEGER NOT NULL DEFAULT 0,
    downloads        INTEGER NOT NULL DEFAULT 0,
    uploader_id      TEXT NOT NULL,
    uploader_name    TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
) STRICT;

-- What lists are read by: one row per resource and facet ("all", "kind:plan",
-- "topic:library", "org:<id>", "county:46", "year:2025"), with the sort keys
-- copied in, so every filtered and sorted page is one range of one index.
CREATE TABLE library_facets (
    resource_id TEXT NOT NULL REFERENCES library_resources (id) ON DELETE CASCADE,
    facet       TEXT NOT NULL,
    network_id  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    downloads   INTEGER NOT NULL,
    sort_title  TEXT NOT NULL,
    PRIMARY KEY (resource_id, facet)
) STRICT, WITHOUT ROWID;
CREATE INDEX library_facets_newest ON library_facets (network_id, facet, created_at, resource_id);
CREATE INDEX library_facets_downloads ON library_facets (network_id, facet, downloads, resource_id);
CREATE INDEX library_facets_title ON library_facets (network_id, facet, sort_title, resource_id);

CREATE TABLE library_versions (
    id            TEXT PRIMARY KEY,
    resource_id   TEXT NOT NULL REFERENCES library_resources (id) ON DELETE CASCADE,
    network_id    TEXT NOT NULL,
    number        INTEGER NOT NULL,
    file_name     TEXT NOT NULL,
    format        TEXT NOT NULL,
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    uploader_id   TEXT NOT NULL,
    uploader_name TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    UNIQUE (resource_id, number)
) STRICT;
CREATE INDEX library_versions_file ON library_versions (network_id, sha256, resource_id);
CREATE INDEX library_versions_blob ON library_versions (sha256);

-- Blobs whose last version may be gone; the sweeper deletes those unused.
CREATE TABLE library_unused_blobs (
    sha256 TEXT PRIMARY KEY,
    since  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX library_unused_blobs_since ON library_unused_blobs (since);

CREATE TABLE library_collections (
    id           TEXT PRIMARY KEY,
    network_id   TEXT NOT NULL,
    name         TEXT NOT NULL,
    sort_name    TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    resource_ids TEXT NOT NULL DEFAULT '[]', -- JSON array, in order
    revision     INTEGER NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX library_collections_network ON library_collections (network_id, sort_name, id);

-- +goose Down
DROP TABLE library_collections;
DROP TABLE library_unused_blobs;
DROP TABLE library_versions;
DROP TABLE library_facets;
DROP TABLE library_resources;
