-- Migration 3: sign-in secrets and sessions (include/contextmap/storage/store.h, Credential
-- and Session).
--
-- Neither table is part of the record model: they never appear in a bundle, an export or the
-- record API. credentials holds one row per user who can sign in: the Argon2id password hash
-- (libsodium's encoded form, salt included), the TOTP secret (base32), the last TOTP time
-- step used (a code is accepted once), the SHA-256 hashes (hex) of unused recovery codes
-- (comma-separated), and the count of failed sign-ins with the time (unix seconds) a lock-out ends.
-- sessions holds the SHA-256 of each live session id (the id itself lives only in the
-- browser's cookie), its CSRF token, and when it began and was last used (unix seconds).
-- Deleting a user deletes their credentials and sessions.
-- Never edit this file once released: add a new numbered migration instead.

CREATE TABLE credentials (
  user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  password_hash TEXT NOT NULL,
  totp_secret TEXT NOT NULL,
  totp_last_step BIGINT NOT NULL,
  recovery_hashes TEXT NOT NULL,
  failed_attempts BIGINT NOT NULL,
  locked_until BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);
