-- bleibe schema, version 6 (PostgreSQL): a second factor for signing in, TOTP (RFC 6238).
-- The same columns as the SQLite schema; both backends run the same statements.

-- The user's TOTP secret (base32), set when they start setting it up and kept while it
-- is on; stored as it is, since the server must compute codes from it (see
-- docs/SECURITY.md). totp_enabled_at is NULL until a first code confirmed the app;
-- totp_last_step is the time step of the last code accepted, and no code of that step
-- or an earlier one is accepted again.
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_enabled_at TIMESTAMPTZ;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;

-- When the session was confirmed with a code; NULL for a session signed in with the
-- password alone.
ALTER TABLE sessions ADD COLUMN second_factor_at TIMESTAMPTZ;
