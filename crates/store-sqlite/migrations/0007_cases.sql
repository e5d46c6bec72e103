-- bleibe schema, version 7 (SQLite): case management for welcome centers — persons,
-- case templates, cases and steps, documents, appointments, consents, sharing
-- overrides, the access log and the anonymised statistical trace; events gain series
-- (recurring consultation hours). The same tables as the PostgreSQL schema; both backends
-- run the same statements against them (bleibe_store::cases).

-- A person seeking advice, recorded by one welcome center (org_id). Lists (languages)
-- are stored space-separated, structured parts (qualifications, household) as JSON.
CREATE TABLE persons (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id             INTEGER NOT NULL REFERENCES employers(id),
    user_id            INTEGER REFERENCES users(id),
    name               TEXT NOT NULL,
    email              TEXT,
    phone              TEXT,
    languages          TEXT NOT NULL DEFAULT '',
    preferred_language TEXT,
    country            TEXT,
    arrival_year       INTEGER,
    qualifications     TEXT NOT NULL DEFAULT '[]',
    household          TEXT NOT NULL DEFAULT '[]',
    search             TEXT NOT NULL DEFAULT '',     -- folded name and e-mail, for search
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX persons_org ON persons(org_id);
CREATE INDEX persons_user ON persons(user_id);

-- Case templates as data, versioned: a change is a new row with the next version.
-- owner_org 0 = shipped with bleibe; otherwise the welcome center's own version.
CREATE TABLE case_templates (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_org  INTEGER NOT NULL DEFAULT 0,
    key        TEXT NOT NULL,
    version    INTEGER NOT NULL,
    body       TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL,
    UNIQUE (owner_org, key, version)
);

CREATE TABLE cases (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id        INTEGER NOT NULL REFERENCES persons(id),
    org_id           INTEGER NOT NULL REFERENCES employers(id),
    template_key     TEXT NOT NULL,
    template_version INTEGER NOT NULL,
    title            TEXT NOT NULL,
    status           TEXT NOT NULL,               -- requested, open, closed, declined
    started_on       TEXT NOT NULL,
    closed_on        TEXT,
    assignee_user    INTEGER REFERENCES users(id),
    request_message  TEXT NOT NULL DEFAULT '',
    version          INTEGER NOT NULL DEFAULT 1,   -- optimistic locking
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX cases_person ON cases(person_id);
CREATE INDEX cases_org ON cases(org_id, status);

-- due_on is the date in force (override or derived), kept so that "overdue" is a query.
CREATE TABLE case_steps (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id       INTEGER NOT NULL REFERENCES cases(id),
    position      INTEGER NOT NULL,
    key           TEXT NOT NULL,
    title         TEXT NOT NULL,
    hint          TEXT NOT NULL,
    category      TEXT NOT NULL,
    body          TEXT NOT NULL,
    due_after     TEXT NOT NULL,
    due_days      INTEGER NOT NULL,
    due_override  TEXT,
    due_on        TEXT NOT NULL,
    optional      BOOLEAN NOT NULL DEFAULT 0,
    status        TEXT NOT NULL,
    done_on       TEXT,
    assignee_org  INTEGER REFERENCES employers(id),
    assignee_user INTEGER REFERENCES users(id),
    note          TEXT NOT NULL DEFAULT '',
    documents     TEXT NOT NULL DEFAULT '[]',
    version       INTEGER NOT NULL DEFAULT 1,
    UNIQUE (case_id, key)
);
CREATE INDEX case_steps_due ON case_steps(due_on, status);

-- Uploaded documents of a case (the bytes in blobs); served only after the access check.
CREATE TABLE case_documents (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    step_id      INTEGER REFERENCES case_steps(id),
    item_key     TEXT NOT NULL DEFAULT '',
    filename     TEXT NOT NULL,
    blob_id      INTEGER NOT NULL REFERENCES blobs(id),
    uploaded_by  INTEGER REFERENCES users(id),
    created_at   TEXT NOT NULL
);
CREATE INDEX case_documents_case ON case_documents(case_id);

-- Consultation hours that recur: every event of a series names the series' first event.
ALTER TABLE events ADD COLUMN series_id INTEGER REFERENCES events(id);

-- Appointments of a case: at a time and place, or a booked slot of a consultation day
-- (event_id and registration_id).
CREATE TABLE appointments (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id         INTEGER NOT NULL REFERENCES cases(id),
    step_id         INTEGER REFERENCES case_steps(id),
    title           TEXT NOT NULL,
    location        TEXT NOT NULL DEFAULT '',
    starts_at       TEXT NOT NULL,
    ends_at         TEXT NOT NULL,
    event_id        INTEGER REFERENCES events(id),
    registration_id INTEGER REFERENCES event_registrations(id),
    slot_cancel_hash TEXT,                          -- the booking's cancellation (SHA-256)
    created_by      INTEGER REFERENCES users(id),
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    cancelled_at    TEXT
);
CREATE INDEX appointments_case ON appointments(case_id);
CREATE INDEX appointments_starts ON appointments(starts_at);

-- Consents per person, purpose, recipient organisation and categories (space-separated).
CREATE TABLE consents (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id     INTEGER NOT NULL REFERENCES persons(id),
    recipient_org INTEGER NOT NULL REFERENCES employers(id),
    purpose       TEXT NOT NULL,
    categories    TEXT NOT NULL,
    text_version  TEXT NOT NULL,
    given_at      TEXT NOT NULL,
    revoked_at    TEXT,
    recorded_by   INTEGER REFERENCES users(id)
);
CREATE INDEX consents_person ON consents(person_id);
CREATE INDEX consents_recipient ON consents(recipient_org);

-- Sharing without consent, recorded by a welcome-center admin with its legal basis.
CREATE TABLE sharing_overrides (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id       INTEGER NOT NULL REFERENCES cases(id),
    recipient_org INTEGER NOT NULL REFERENCES employers(id),
    categories    TEXT NOT NULL,
    legal_basis   TEXT NOT NULL,
    law           TEXT NOT NULL,
    reason        TEXT NOT NULL,
    created_by    INTEGER NOT NULL REFERENCES users(id),
    created_at    TEXT NOT NULL,
    revoked_at    TEXT
);
CREATE INDEX sharing_overrides_case ON sharing_overrides(case_id);

-- Every read and write of a person's records: who, when, what. The person sees it.
CREATE TABLE case_access_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id INTEGER NOT NULL REFERENCES persons(id),
    case_id   INTEGER REFERENCES cases(id),
    user_id   INTEGER REFERENCES users(id),
    org_id    INTEGER REFERENCES employers(id),
    action    TEXT NOT NULL,
    detail    TEXT NOT NULL DEFAULT '',
    at        TEXT NOT NULL
);
CREATE INDEX case_access_log_person ON case_access_log(person_id, at);

-- What is left of a case after erasure or retention: no name, no free text, dates to
-- the month (for the demand monitor).
CREATE TABLE case_statistics (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id          INTEGER NOT NULL,
    template_key    TEXT NOT NULL,
    arrival_year    INTEGER,
    country_group   TEXT NOT NULL,
    occupation_area TEXT,
    started_month   TEXT NOT NULL,
    closed_month    TEXT,
    steps           TEXT NOT NULL,
    reason          TEXT NOT NULL,                -- erasure, retention
    recorded_at     TEXT NOT NULL
);
