-- bleibe schema, version 3: accounts, organisations, networks, sessions, API tokens, the
-- audit log and stored files. The same tables as the PostgreSQL schema; both backends run
-- the same statements against them (bleibe_store::accounts), so column types are chosen
-- to decode alike: INTEGER/BIGINT ids, TEXT, BOOLEAN (0/1 here), timestamps as TEXT
-- here and TIMESTAMPTZ there, BLOB/BYTEA.

-- Uploaded files live in the database, so every instance and every backup sees them.
CREATE TABLE blobs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    data         BLOB NOT NULL,
    created_at   TEXT NOT NULL
);

-- An organisation is a row of `employers`: every kind of organisation can publish jobs
-- (municipalities and welcome centers employ people too). `kind` says what it is; kinds
-- other than `employer` get their rights only once `verified`.
ALTER TABLE employers ADD COLUMN kind TEXT NOT NULL DEFAULT 'employer';
ALTER TABLE employers ADD COLUMN verified BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE employers ADD COLUMN logo_blob_id INTEGER REFERENCES blobs(id);

-- draft (not yet public), published, unpublished (withdrawn). Expiry is valid_through.
ALTER TABLE jobs ADD COLUMN status TEXT NOT NULL DEFAULT 'published';

CREATE TABLE users (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    email             TEXT NOT NULL UNIQUE,      -- lower-cased
    display_name      TEXT NOT NULL,
    password_hash     TEXT,                      -- argon2id PHC string; NULL = not set yet
    language          TEXT NOT NULL DEFAULT 'de',
    platform_admin    BOOLEAN NOT NULL DEFAULT 0,
    email_verified_at TEXT,
    created_at        TEXT NOT NULL
);

CREATE TABLE memberships (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id     INTEGER NOT NULL REFERENCES employers(id),
    user_id    INTEGER NOT NULL REFERENCES users(id),
    role       TEXT NOT NULL,                    -- member, editor, admin
    created_at TEXT NOT NULL,
    UNIQUE (org_id, user_id)
);
CREATE INDEX memberships_user ON memberships(user_id);

CREATE TABLE networks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    demo        BOOLEAN NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL
);

CREATE TABLE network_places (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    network_id INTEGER NOT NULL REFERENCES networks(id),
    place_id   INTEGER NOT NULL REFERENCES places(id),
    UNIQUE (network_id, place_id)
);

CREATE TABLE network_orgs (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    network_id INTEGER NOT NULL REFERENCES networks(id),
    org_id     INTEGER NOT NULL REFERENCES employers(id),
    UNIQUE (network_id, org_id)
);

CREATE TABLE network_admins (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    network_id INTEGER NOT NULL REFERENCES networks(id),
    user_id    INTEGER NOT NULL REFERENCES users(id),
    UNIQUE (network_id, user_id)
);

-- Link tables carry an id of their own so that backup and copy page through every table
-- alike. Sessions, one-time links and login failures are short-lived and not backed up.

-- Sessions are looked up by the SHA-256 of the cookie value: a leaked table does not
-- hand out live sessions.
CREATE TABLE sessions (
    id_hash    TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- One-time links: e-mail verification, password reset, set password, invitations.
CREATE TABLE one_time_tokens (
    token_hash TEXT PRIMARY KEY,
    purpose    TEXT NOT NULL,
    user_id    INTEGER REFERENCES users(id),
    email      TEXT,
    org_id     INTEGER REFERENCES employers(id),
    role       TEXT,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id       INTEGER NOT NULL REFERENCES employers(id),
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    scopes       TEXT NOT NULL,                  -- " "-separated
    created_by   INTEGER REFERENCES users(id),
    created_at   TEXT NOT NULL,
    revoked_at   TEXT
);
CREATE INDEX api_tokens_org ON api_tokens(org_id);

-- Failed sign-ins per key (`account:<email>` and `ip:<address>`), for throttling.
CREATE TABLE login_failures (
    id  INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL,
    at  TEXT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(key, at);

CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    at            TEXT NOT NULL,
    actor_user_id INTEGER,
    actor_token_id INTEGER,
    action        TEXT NOT NULL,
    org_id        INTEGER,
    target        TEXT NOT NULL DEFAULT '',
    detail        TEXT NOT NULL DEFAULT '',
    ip            TEXT
);
