-- Migration 7: facts about the store itself, by name (Store::GetFact and SetFact).
--
-- "origin" is "demo" for a store `contextmap demo` created from empty: only such a store takes
-- the demo's shortcuts to sign in (`contextmap demo code`), and `demo` refuses to load its
-- invented partnership into a store that holds anything else.
-- Never edit this file once released: add a new numbered migration instead.

CREATE TABLE store_facts (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  set_at TEXT NOT NULL
);
