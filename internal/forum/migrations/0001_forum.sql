-- +goose Up
CREATE TABLE forum_categories (
    id           TEXT PRIMARY KEY,
    network_id   TEXT NOT NULL,
    name         TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    position     INTEGER NOT NULL,
    thread_count INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX forum_categories_network ON forum_categories (network_id, position, id);

CREATE TABLE forum_threads (
    id               TEXT PRIMARY KEY,
    network_id       TEXT NOT NULL,
    category_id      TEXT NOT NULL,
    kind             TEXT NOT NULL,
    title            TEXT NOT NULL,
    slug             TEXT NOT NULL,
    author_id        TEXT NOT NULL,
    author_name      TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    last_activity_at INTEGER NOT NULL,
    last_poster_name TEXT NOT NULL,
    post_count       INTEGER NOT NULL,
    reaction_count   INTEGER NOT NULL DEFAULT 0,
    pinned           INTEGER NOT NULL DEFAULT 0,
    locked           INTEGER NOT NULL DEFAULT 0,
    accepted_post_id TEXT NOT NULL DEFAULT '',
    open_question    INTEGER NOT NULL, -- 1 for a question without an accepted answer
    excerpt          TEXT NOT NULL DEFAULT ''
) STRICT;
-- One index per list: (scope, filter, sort key, id), read backwards for newest first.
CREATE INDEX forum_threads_net_activity ON forum_threads (network_id, pinned, last_activity_at, id);
CREATE INDEX forum_threads_cat_activity ON forum_threads (category_id, pinned, last_activity_at, id);
CREATE INDEX forum_threads_net_newest ON forum_threads (network_id, pinned, created_at, id);
CREATE INDEX forum_threads_cat_newest ON forum_threads (category_id, pinned, created_at, id);
CREATE INDEX forum_threads_net_reactions ON forum_threads (network_id, pinned, reaction_count, id);
CREATE INDEX forum_threads_cat_reactions ON forum_threads (category_id, pinned, reaction_count, id);
CREATE INDEX forum_threads_net_unanswered ON forum_threads (network_id, open_question, created_at, id);
CREATE INDEX forum_threads_cat_unanswered ON forum_threads (category_id, open_question, created_at, id);

CREATE TABLE forum_posts (
    id             TEXT PRIMARY KEY,
    thread_id      TEXT NOT NULL,
    network_id     TEXT NOT NULL,
    number         INTEGER NOT NULL,
    author_id      TEXT NOT NULL,
    author_name    TEXT NOT NULL,
    author_org     TEXT NOT NULL DEFAULT '',
    body           TEXT NOT NULL,
    body_html      TEXT NOT NULL,
    quoted_post_id TEXT NOT NULL DEFAULT '',
    mentions       TEXT NOT NULL DEFAULT '[]',
    reactions      TEXT NOT NULL DEFAULT '{}',
    revision       INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    edited_at      INTEGER NOT NULL DEFAULT 0,
    deleted_at     INTEGER NOT NULL DEFAULT 0,
    deleted_by     TEXT NOT NULL DEFAULT '',
    hidden         INTEGER NOT NULL DEFAULT 0,
    hidden_reason  TEXT NOT NULL DEFAULT '',
    hidden_by      TEXT NOT NULL DEFAULT '',
    UNIQUE (thread_id, number)
) STRICT;

CREATE TABLE forum_revisions (
    post_id   TEXT NOT NULL,
    revision  INTEGER NOT NULL,
    body      TEXT NOT NULL,
    body_html TEXT NOT NULL,
    editor_id TEXT NOT NULL,
    saved_at  INTEGER NOT NULL,
    PRIMARY KEY (post_id, revision)
) STRICT, WITHOUT ROWID;

CREATE TABLE forum_reactions (
    post_id    TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    kind       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (post_id, user_id, kind)
) STRICT, WITHOUT ROWID;

CREATE TABLE forum_flags (
    id            TEXT PRIMARY KEY,
    network_id    TEXT NOT NULL,
    post_id       TEXT NOT NULL,
    thread_id     TEXT NOT NULL,
    reporter_id   TEXT NOT NULL,
    reporter_name TEXT NOT NULL,
    reason        TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL,
    resolved_by   TEXT NOT NULL DEFAULT '',
    resolved_at   INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    UNIQUE (post_id, reporter_id)
) STRICT;
CREATE INDEX forum_flags_queue ON forum_flags (network_id, status, created_at, id);

CREATE TABLE forum_read_states (
    user_id    TEXT NOT NULL,
    thread_id  TEXT NOT NULL,
    last_read  INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, thread_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE forum_watches (
    user_id TEXT NOT NULL,
    target  TEXT NOT NULL, -- thread:<id> or category:<id>
    level   TEXT NOT NULL,
    PRIMARY KEY (user_id, target)
) STRICT, WITHOUT ROWID;

CREATE TABLE forum_drafts (
    user_id     TEXT NOT NULL,
    key         TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL DEFAULT '',
    category_id TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL DEFAULT '',
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (user_id, key)
) STRICT, WITHOUT ROWID;

-- +goose Down
DROP TABLE forum_drafts;
DROP TABLE forum_watches;
DROP TABLE forum_read_states;
DROP TABLE forum_flags;
DROP TABLE forum_reactions;
DROP TABLE forum_revisions;
DROP TABLE forum_posts;
DROP TABLE forum_threads;
DROP TABLE forum_categories;
