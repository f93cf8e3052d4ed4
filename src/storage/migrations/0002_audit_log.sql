-- Migration 2: the audit log (include/contextmap/storage/store.h, AuditEntry).
--
-- One row per read or change of personal data: who (user_id), when (at, UTC
-- YYYY-MM-DDTHH:MM:SSZ), what (action, record_kind, record_id, mapping_id, subject_id), from
-- where (remote), with what result (outcome) and, for views of a person and every export, the
-- reason the user gave. Rows hold ids, codes and that reason only, never names or
-- intelligence text. The reason is the user's own words and is shown only to
-- data-protection officers.
--
-- Append-only and hash-chained: seq is 1, 2, 3, ... with no gaps, assigned by the store;
-- hash is the hex SHA-256 of the row's canonical encoding, which includes prev_hash, the
-- previous row's hash (64 zeros for row 1). The product never updates or deletes a row;
-- `contextmap audit verify` detects rows edited or removed by anyone else. user_id has no
-- foreign key: the audit log outlives the users it names.
-- Never edit this file once released: add a new numbered migration instead.

CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  user_id TEXT,
  action TEXT NOT NULL,
  record_kind TEXT,
  record_id TEXT,
  mapping_id TEXT,
  subject_id TEXT,
  reason TEXT,
  remote TEXT,
  outcome TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_subject_id ON audit_log (subject_id);
CREATE INDEX audit_log_record_id ON audit_log (record_id);
