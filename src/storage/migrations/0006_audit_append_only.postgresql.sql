-- Migration 6 (PostgreSQL): the audit log refuses UPDATE, DELETE and TRUNCATE in the store
-- itself.
--
-- The product only ever inserts audit rows. These triggers make any UPDATE, DELETE or
-- TRUNCATE of the log fail, whoever runs it; only the table's owner can drop them. Deployments
-- also run the server as a role that may only INSERT and SELECT on audit_log and does not own
-- it (docs/deploy/postgresql-roles.sql), so the server's own credentials cannot undo this.
-- SQLite's file for this number does the same with its own trigger syntax.
-- Never edit this file once released: add a new numbered migration instead.

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
