-- Migration 6 (SQLite): the audit log refuses UPDATE and DELETE in the store itself.
--
-- The product only ever inserts audit rows. These triggers make any UPDATE or DELETE of one
-- fail, whoever runs it, so a mistake or a casual edit cannot change the log; someone who can
-- drop the triggers can still try, and `audit verify` (keyed chain and anchor) shows it.
-- PostgreSQL's file for this number does the same with a trigger, and deployments also take
-- the rights away (docs/deploy/postgresql-roles.sql).
-- Never edit this file once released: add a new numbered migration instead.

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
