-- +goose Up
-- The text inside each file, extracted once for the search index, by the
-- file's SHA-256 (an empty text: nothing to extract, or extraction failed).
CREATE TABLE library_texts (
    sha256       TEXT PRIMARY KEY,
    text         TEXT NOT NULL,
    extracted_at INTEGER NOT NULL
) STRICT; -- rows can be large: keep the rowid layout

-- +goose Down
DROP TABLE library_texts;
