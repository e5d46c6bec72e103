-- bleibe schema, version 1: places, employers, jobs and the change log.

CREATE TABLE places (
    id              INTEGER PRIMARY KEY,          -- GeoNames id
    name            TEXT NOT NULL,
    alternate_names TEXT NOT NULL DEFAULT '',     -- "|"-separated, as in GeoNames
    lat             REAL NOT NULL,
    lon             REAL NOT NULL,
    population      INTEGER,                      -- NULL = unknown
    state_code      TEXT NOT NULL,                -- GeoNames admin1
    county          TEXT,                         -- only from a real source
    ags             TEXT                          -- only from a real source
);

CREATE TABLE employers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    place_id    INTEGER NOT NULL REFERENCES places(id),
    description TEXT NOT NULL DEFAULT '',
    website     TEXT,
    demo        INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL
);

CREATE TABLE jobs (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    employer_id        INTEGER NOT NULL REFERENCES employers(id),
    kind               TEXT NOT NULL,
    title              TEXT NOT NULL,
    description        TEXT NOT NULL,
    occupation         TEXT NOT NULL,
    place_id           INTEGER NOT NULL REFERENCES places(id),
    street             TEXT,
    postcode           TEXT,
    working_time       TEXT NOT NULL,             -- ","-separated wire names
    contract           TEXT NOT NULL,
    salary_min         REAL,
    salary_max         REAL,
    salary_unit        TEXT,
    training_allowance TEXT NOT NULL DEFAULT '',  -- ","-separated EUR per month per year
    school_certificate TEXT,
    start_date         TEXT,
    posted_at          TEXT NOT NULL,
    valid_through      TEXT,
    apply_url          TEXT,
    apply_email        TEXT,
    source             TEXT NOT NULL,
    external_id        TEXT,
    demo               INTEGER NOT NULL DEFAULT 0,
    updated_at         TEXT NOT NULL
);
CREATE INDEX jobs_employer ON jobs(employer_id);
CREATE INDEX jobs_place ON jobs(place_id);
CREATE UNIQUE INDEX jobs_external ON jobs(source, external_id) WHERE external_id IS NOT NULL;

-- Every write appends here in the same transaction; derived state follows it.
CREATE TABLE change_log (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    op        TEXT NOT NULL,
    at        TEXT NOT NULL
);
