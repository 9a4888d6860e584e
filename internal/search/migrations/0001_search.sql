-- +goose Up
CREATE TABLE search_changes (
    seq  INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    ref  TEXT NOT NULL,
    at   INTEGER NOT NULL
) STRICT;
CREATE INDEX search_changes_at ON search_changes (at);

CREATE TABLE search_queries (
    scope       TEXT NOT NULL, -- '' for all networks, else a network id
    query       TEXT NOT NULL,
    day         INTEGER NOT NULL, -- Unix milliseconds of the day's start (UTC)
    count       INTEGER NOT NULL,
    empty_count INTEGER NOT NULL,
    PRIMARY KEY (scope, day, query)
) STRICT, WITHOUT ROWID;

-- +goose Down
DROP TABLE search_queries;
DROP TABLE search_changes;
