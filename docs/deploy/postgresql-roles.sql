-- The rights of ContextMap's server on PostgreSQL (docs/ARCHITECTURE.md, "Audit log").
--
-- Two roles: one owns the tables and applies migrations, the other is what the server signs in
-- as. The server's role may read and write records, credentials and sessions, but may only
-- INSERT and SELECT audit rows: it cannot UPDATE, DELETE or TRUNCATE them, and, not owning the
-- table, cannot drop or disable the triggers that refuse those (migration 6) either. So whoever
-- holds the server's database password still cannot rewrite the audit log; and the log's keyed
-- chain and anchor (kept outside the database) show it if someone with the owner's rights does.
--
-- Once, as a superuser (choose your own passwords; the names are used below):
--   CREATE ROLE contextmap_owner LOGIN PASSWORD '...';
--   CREATE ROLE contextmap_app LOGIN PASSWORD '...';
--   CREATE DATABASE contextmap OWNER contextmap_owner;
-- Then as contextmap_owner: `contextmap --db postgresql://contextmap_owner@HOST/contextmap init`
-- (creates the tables), and this file, in the schema the tables are in:
--   psql "postgresql://contextmap_owner@HOST/contextmap" -f docs/deploy/postgresql-roles.sql
-- Run the server as contextmap_app. After an upgrade, run `init` as the owner again (the server
-- role cannot apply migrations) and then this file again (it is safe to repeat).
-- tests/store_audit_test.cc runs this file against a real role on the test server.

DO $$
DECLARE
  s text := current_schema();
BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO contextmap_app', s);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I '
                 'TO contextmap_app', s);
  -- Migrations are the owner's: the server may only read which ones are applied.
  EXECUTE format('REVOKE INSERT, UPDATE, DELETE ON %I.schema_migrations FROM contextmap_app', s);
  -- The audit log is append-only for the server.
  EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I.audit_log FROM contextmap_app', s);
  -- A store records each key it uses once; it never changes or forgets one.
  EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I.store_keys FROM contextmap_app', s);
  -- Facts about the store (its origin: a demo or not) are set by the owner's commands only.
  EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON %I.store_facts FROM contextmap_app', s);
END
$$;
