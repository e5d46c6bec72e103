-- bleibe schema, version 5 (SQLite): "Leben & Arbeiten" — place profiles, the cache
-- of place-to-place travel times, and saved wishes. The same tables as the PostgreSQL schema;
-- both backends run the same statements against them. Every table has an id of its own,
-- so that backup and copy page through it.

-- One value of a place's profile (a count of Kitas, the median rent, the rail lines …),
-- each with its source and date; demo values are marked so wherever they are shown.
CREATE TABLE place_profile_values (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    place_id   INTEGER NOT NULL REFERENCES places(id),
    key        TEXT NOT NULL,
    number     REAL,
    text       TEXT,
    source     TEXT NOT NULL,
    as_of      TEXT NOT NULL,
    demo       BOOLEAN NOT NULL DEFAULT 0,
    updated_by INTEGER REFERENCES users(id),
    updated_at TEXT NOT NULL,
    UNIQUE (place_id, key)
);

-- Precomputed place-to-place travel times (a cache: rebuilt by `bleibe import roads`
-- and `bleibe import gtfs`); mode is car, transit or bike; source is road or transit.
CREATE TABLE travel_times (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    mode           TEXT NOT NULL,
    origin_id      INTEGER NOT NULL,
    destination_id INTEGER NOT NULL,
    minutes        REAL NOT NULL,
    source         TEXT NOT NULL,
    computed_at    TEXT NOT NULL,
    UNIQUE (mode, origin_id, destination_id)
);

-- A household's wishes for "Leben & Arbeiten", saved by a signed-in user (JSON as the
-- API takes it).
CREATE TABLE saved_wishes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    name       TEXT NOT NULL,
    wishes     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX saved_wishes_user ON saved_wishes(user_id);
