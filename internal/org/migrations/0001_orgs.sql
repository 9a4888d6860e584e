-- +goose Up
CREATE TABLE orgs (
    id            TEXT PRIMARY KEY,
    key           TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    sort_name     TEXT NOT NULL,
    kind          TEXT NOT NULL,
    number        TEXT NOT NULL DEFAULT '',
    county_number TEXT NOT NULL DEFAULT '',
    county_name   TEXT NOT NULL DEFAULT '',
    other_names   TEXT NOT NULL DEFAULT '[]',
    official_name TEXT NOT NULL DEFAULT ''
) STRICT;
-- One index per list shape: all, by kind, by county, by kind and county; each
-- ends in (sort_name, id) so a page is read in order without sorting.
CREATE INDEX orgs_sort ON orgs (sort_name, id);
CREATE INDEX orgs_kind_sort ON orgs (kind, sort_name, id);
CREATE INDEX orgs_county_sort ON orgs (county_number, sort_name, id);
CREATE INDEX orgs_kind_county_sort ON orgs (kind, county_number, sort_name, id);

CREATE TABLE org_terms (
    term   TEXT NOT NULL,
    org_id TEXT NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
    PRIMARY KEY (term, org_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX org_terms_org ON org_terms (org_id);

-- +goose Down
DROP TABLE org_terms;
DROP TABLE orgs;
