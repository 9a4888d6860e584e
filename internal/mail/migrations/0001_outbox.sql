-- +goose Up
CREATE TABLE mail_outbox (
    id              TEXT PRIMARY KEY,
    to_address      TEXT NOT NULL,
    subject         TEXT NOT NULL,
    text            TEXT NOT NULL,
    html            TEXT NOT NULL DEFAULT '',
    kind            TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    lease_until     INTEGER NOT NULL DEFAULT 0,
    last_attempt_at INTEGER NOT NULL DEFAULT 0,
    sent_at         INTEGER NOT NULL DEFAULT 0
) STRICT;
-- The admin list, newest first, all statuses or one; the first also serves the sweeper.
CREATE INDEX mail_outbox_created ON mail_outbox (created_at, id);
CREATE INDEX mail_outbox_status_created ON mail_outbox (status, created_at, id);
-- The worker's claims: queued messages that are due, and sends whose lease ran out.
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at, id);
CREATE INDEX mail_outbox_lease ON mail_outbox (status, lease_until, id);

-- +goose Down
DROP TABLE mail_outbox;
