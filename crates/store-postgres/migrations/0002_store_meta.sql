-- bleibe schema, version 2: facts about the database itself, one row per key.
--
-- `installation_id`: a random id made on first use (Store::installation_id), so that state
-- kept outside the database (the search index under the data dir) can tell whether it was
-- built from this very database. Not part of backups, restore or copy (it is no
-- transfer table), and finishing an import deletes it: a restored or copied database gets
-- an id of its own.
CREATE TABLE store_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
