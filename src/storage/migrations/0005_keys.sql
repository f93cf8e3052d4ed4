-- Migration 5: keys kept outside the database (include/contextmap/storage/keyring.h).
--
-- store_keys records each key of the key file this store has used, by number, with its check
-- value (an HMAC of a fixed text under the key's check subkey: it tells a key apart without
-- revealing it). A store refuses to open with a key file that lacks one of these keys or holds
-- a different key under the same number, and refuses to make a new key file once it has any.
--
-- audit_log.key_id is the key whose audit subkey signed the row (HMAC-SHA-256, encoding v2);
-- NULL for rows written before this migration, whose hash stays the plain SHA-256 of
-- encoding v1. Such rows may only come before the first keyed row.
--
-- The second-factor secrets in credentials.totp_secret are sealed by the store on the first
-- open with a key file (XChaCha20-Poly1305, "sealed-v1:KEY:DATA"); no SQL is needed for that.
-- Never edit this file once released: add a new numbered migration instead.

ALTER TABLE audit_log ADD COLUMN key_id BIGINT;

CREATE TABLE store_keys (
  key_id BIGINT PRIMARY KEY,
  check_value TEXT NOT NULL,
  added_at TEXT NOT NULL
);
