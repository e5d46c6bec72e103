-- bleibe schema, version 4 (SQLite): the network workspace — contact persons, measures,
-- working groups and their tasks, ideas with decisions and comments, events with
-- registration and a waiting list. The same tables as the PostgreSQL schema; both backends
-- run the same statements against them (bleibe_store::cooperation), so column types are
-- chosen to decode alike (see 0003). Enumerations are stored as their wire names. Every
-- table has an id of its own, so that backup and copy page through it.

-- Contact persons in a network's member directory, listed with their consent.
CREATE TABLE network_contacts (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    network_id INTEGER NOT NULL REFERENCES networks(id),
    org_id     INTEGER NOT NULL REFERENCES employers(id),
    user_id    INTEGER REFERENCES users(id),
    name       TEXT NOT NULL,
    function   TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL,
    phone      TEXT NOT NULL DEFAULT '',
    consent_at TEXT NOT NULL,
    demo       BOOLEAN NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX network_contacts_network ON network_contacts(network_id);

-- Measures of a member organisation, shared with chosen networks (measure_networks) or,
-- with all_networks, with every network the owner is a member of (network_orgs).
CREATE TABLE measures (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id        INTEGER NOT NULL REFERENCES employers(id),
    all_networks  BOOLEAN NOT NULL DEFAULT 0,
    title         TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    cluster       TEXT NOT NULL,
    field         TEXT NOT NULL,
    target_groups TEXT NOT NULL DEFAULT '',       -- " "-separated wire names
    start_date    TEXT,
    end_date      TEXT,
    budget_eur    INTEGER,
    funding       TEXT,
    status        TEXT NOT NULL,
    indicators    TEXT NOT NULL DEFAULT '[]',     -- JSON
    lessons       TEXT NOT NULL DEFAULT '',
    links         TEXT NOT NULL DEFAULT '[]',     -- JSON
    visibility    TEXT NOT NULL,                  -- public, members
    demo          BOOLEAN NOT NULL DEFAULT 0,
    search_text   TEXT NOT NULL DEFAULT '',       -- title, description, lessons, lower-cased
    version       INTEGER NOT NULL DEFAULT 1,       -- optimistic locking
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX measures_org ON measures(org_id);
CREATE INDEX measures_updated ON measures(updated_at);

CREATE TABLE measure_networks (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    measure_id INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
    network_id INTEGER NOT NULL REFERENCES networks(id),
    UNIQUE (measure_id, network_id)
);
CREATE INDEX measure_networks_network ON measure_networks(network_id);

CREATE TABLE measure_places (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    measure_id INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
    place_id   INTEGER NOT NULL REFERENCES places(id),
    UNIQUE (measure_id, place_id)
);
CREATE INDEX measure_places_place ON measure_places(place_id);

CREATE TABLE working_groups (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    network_id   INTEGER NOT NULL REFERENCES networks(id),
    name         TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    lead_user_id INTEGER REFERENCES users(id),
    demo         BOOLEAN NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL
);
CREATE INDEX working_groups_network ON working_groups(network_id);
CREATE INDEX working_groups_lead ON working_groups(lead_user_id);

CREATE TABLE working_group_members (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id   INTEGER NOT NULL REFERENCES working_groups(id),
    user_id    INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    UNIQUE (group_id, user_id)
);

CREATE TABLE group_tasks (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id      INTEGER NOT NULL REFERENCES working_groups(id),
    title         TEXT NOT NULL,
    owner_user_id INTEGER REFERENCES users(id),
    due           TEXT,
    done_at       TEXT,
    created_at    TEXT NOT NULL
);
CREATE INDEX group_tasks_group ON group_tasks(group_id);

-- Project ideas and their pipeline. parked_from: the stage a parked idea resumes in.
CREATE TABLE ideas (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    network_id       INTEGER NOT NULL REFERENCES networks(id),
    working_group_id INTEGER REFERENCES working_groups(id),
    org_id           INTEGER NOT NULL REFERENCES employers(id),
    title            TEXT NOT NULL,
    summary          TEXT NOT NULL DEFAULT '',
    stage            TEXT NOT NULL,
    parked_from      TEXT,
    measure_id       INTEGER REFERENCES measures(id) ON DELETE SET NULL,
    demo             BOOLEAN NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX ideas_network ON ideas(network_id);
CREATE INDEX ideas_measure ON ideas(measure_id);

CREATE TABLE idea_institutions (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    idea_id INTEGER NOT NULL REFERENCES ideas(id),
    org_id  INTEGER NOT NULL REFERENCES employers(id),
    UNIQUE (idea_id, org_id)
);

CREATE TABLE idea_decisions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    idea_id    INTEGER NOT NULL REFERENCES ideas(id),
    from_stage TEXT NOT NULL,
    to_stage   TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    decided_by INTEGER NOT NULL REFERENCES users(id),
    at         TEXT NOT NULL
);
CREATE INDEX idea_decisions_idea ON idea_decisions(idea_id);

CREATE TABLE idea_comments (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    idea_id INTEGER NOT NULL REFERENCES ideas(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    body    TEXT NOT NULL,
    at      TEXT NOT NULL
);
CREATE INDEX idea_comments_idea ON idea_comments(idea_id);

-- Events. capacity NULL = no limit.
CREATE TABLE events (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id            INTEGER NOT NULL REFERENCES employers(id),
    network_id        INTEGER REFERENCES networks(id),
    working_group_id  INTEGER REFERENCES working_groups(id),
    kind              TEXT NOT NULL,
    title             TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    venue             TEXT NOT NULL DEFAULT '',
    address           TEXT NOT NULL DEFAULT '',
    online_url        TEXT,
    starts_at         TEXT NOT NULL,
    ends_at           TEXT NOT NULL,
    capacity          INTEGER,
    slot_minutes      INTEGER,                    -- bookable slots of this length; NULL = none
    registration_open BOOLEAN NOT NULL DEFAULT 1,
    visibility        TEXT NOT NULL,              -- public, members
    agenda            TEXT NOT NULL DEFAULT '',
    minutes           TEXT NOT NULL DEFAULT '',
    demo              BOOLEAN NOT NULL DEFAULT 0,
    version           INTEGER NOT NULL DEFAULT 1,   -- optimistic locking
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    cancelled_at      TEXT                        -- called off by the organiser; NULL = takes place
);
CREATE INDEX events_starts ON events(starts_at);
CREATE INDEX events_network ON events(network_id);
CREATE INDEX events_org ON events(org_id);

-- Registrations, in order of id (which is also the waiting list's order). The
-- cancellation link's token is only in the e-mail; its SHA-256 is here.
CREATE TABLE event_registrations (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id     INTEGER NOT NULL REFERENCES events(id),
    name         TEXT NOT NULL,
    email        TEXT NOT NULL,                   -- lower-cased
    organisation TEXT NOT NULL DEFAULT '',
    user_id      INTEGER REFERENCES users(id),
    status       TEXT NOT NULL,                   -- registered, waiting, cancelled
    slot_start   TEXT,                            -- the booked slot (events with slots)
    attended     BOOLEAN NOT NULL DEFAULT 0,
    cancel_hash  TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX event_registrations_event ON event_registrations(event_id, status);
-- One address has at most one live (registered or waiting) registration per event.
CREATE UNIQUE INDEX event_registrations_email ON event_registrations(event_id, email)
    WHERE status <> 'cancelled';
-- One live registration per slot (registrations without a slot, NULL, do not collide).
CREATE UNIQUE INDEX event_registrations_slot ON event_registrations(event_id, slot_start)
    WHERE status <> 'cancelled';
