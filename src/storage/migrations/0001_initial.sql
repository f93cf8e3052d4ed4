-- Migration 1: the mapping record (every record type of include/contextmap/core/model.h).
--
-- One SQL text for SQLite and PostgreSQL: only types both read the same way. Ids, dates
-- (YYYY-MM-DD) and enum names are TEXT; booleans are INTEGER 0/1; lists and value objects are
-- JSON text. Column names are the JSON field names. Every reference is a foreign key checked at
-- commit (DEFERRABLE INITIALLY DEFERRED) so a bundle can be written in any order inside one
-- transaction; references held inside JSON lists are checked by core validation and by the
-- store before a delete. Enum values are checked by core, not CHECK constraints, so adding a
-- value needs no table rebuild on SQLite.
-- Never edit this file once released: add a new numbered migration instead.

CREATE TABLE agencies (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL CHECK (version >= 1),
  name TEXT NOT NULL,
  short_name TEXT,
  sector TEXT NOT NULL,
  inactive INTEGER NOT NULL CHECK (inactive IN (0, 1))
);

CREATE TABLE areas (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL CHECK (version >= 1),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  parent_area_id TEXT REFERENCES areas (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL CHECK (version >= 1),
  username TEXT NOT NULL,
  full_name TEXT NOT NULL,
  email TEXT,
  agency_id TEXT NOT NULL REFERENCES agencies (id) DEFERRABLE INITIALLY DEFERRED,
  position TEXT,
  role TEXT NOT NULL,
  disabled INTEGER NOT NULL CHECK (disabled IN (0, 1))
);

CREATE UNIQUE INDEX users_username ON users (username);

CREATE TABLE protocol_profiles (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL CHECK (version >= 1),
  name TEXT NOT NULL,
  description TEXT,
  triggers TEXT,
  timescales TEXT,
  vulnerability_factors TEXT,
  risk_factors TEXT,
  risk_categories TEXT,
  submission_checklist TEXT,
  action_prompts TEXT,
  meeting_templates TEXT,
  report_templates TEXT,
  confidentiality_statement TEXT
);

CREATE TABLE mappings (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL CHECK (version >= 1),
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  trigger TEXT NOT NULL,
  trigger_date TEXT NOT NULL,
  trigger_detail TEXT,
  status TEXT NOT NULL,
  objectives TEXT,
  osara TEXT,
  chair_user_id TEXT REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  co_chair_user_id TEXT REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  area_ids TEXT,
  level TEXT NOT NULL,
  parent_mapping_id TEXT REFERENCES mappings (id) DEFERRABLE INITIALLY DEFERRED,
  profile_id TEXT NOT NULL REFERENCES protocol_profiles (id) DEFERRABLE INITIALLY DEFERRED,
  opened_on TEXT,
  closed_on TEXT,
  closure_summary TEXT
);
CREATE INDEX mappings_parent_mapping_id ON mappings (parent_mapping_id);

CREATE TABLE mapping_members (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL CHECK (version >= 1),
  mapping_id TEXT NOT NULL REFERENCES mappings (id) DEFERRABLE INITIALLY DEFERRED,
  user_id TEXT NOT NULL REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  added_on TEXT
);
CREATE UNIQUE INDEX mapping_members_mapping_user ON mapping_members (mapping_id, user_id);

CREATE TABLE subjects (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL CHECK (version >= 1),
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  full_name TEXT,
  aliases TEXT,
  dob TEXT,
  dob_precision TEXT NOT NULL,
  gender TEXT,
  care_leaver INTEGER NOT NULL CHECK (care_leaver IN (0, 1)),
  school_id TEXT REFERENCES subjects (id) DEFERRABLE INITIALLY DEFERRED,
  agency_records TEXT,
  address TEXT,
  postcode TEXT,
  venue_type TEXT,
  group_type TEXT,
  object_type TEXT,
  identifier TEXT,
  area_id TEXT REFERENCES areas (id) DEFERRABLE INITIALLY DEFERRED,
  description TEXT
);

CREATE TABLE mapping_subjects (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL CHECK (version >= 1),
  mapping_id TEXT NOT NULL REFERENCES mappings (id) DEFERRABLE INITIALLY DEFERRED,
  subject_id TEXT NOT NULL REFERENCES subjects (id) DEFERRABLE INITIALLY DEFERRED,
  role TEXT NOT NULL,
  added_on TEXT,
  removed_on TEXT,
  x DOUBLE PRECISION,
  y DOUBLE PRECISION,
  notes TEXT
);
CREATE UNIQUE INDEX mapping_subjects_mapping_subject ON mapping_subjects (mapping_id, subject_id);
CREATE INDEX mapping_subjects_subject_id ON mapping_subjects (subject_id);

CREATE TABLE links (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL CHECK (version >= 1),
  from_subject_id TEXT NOT NULL REFERENCES subjects (id) DEFERRABLE INITIALLY DEFERRED,
  to_subject_id TEXT NOT NULL REFERENCES subjects (id) DEFERRABLE INITIALLY DEFERRED,
  type TEXT NOT NULL,
  valence TEXT NOT NULL,
  strength BIGINT NOT NULL,
  directed INTEGER NOT NULL CHECK (directed IN (0, 1)),
  status TEXT NOT NULL,
  started_on TEXT,
  ended_on TEXT,
  origin_mapping_id TEXT REFERENCES mappings (id) DEFERRABLE INITIALLY DEFERRED,
  notes TEXT
);
CREATE INDEX links_from_subject_id ON links (from_subject_id);
CREATE INDEX links_to_subject_id ON links (to_subject_id);

CREATE TABLE meetings (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL CHECK (version >= 1),
  mapping_id TEXT NOT NULL REFERENCES mappings (id) DEFERRABLE INITIALLY DEFERRED,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  date TEXT NOT NULL,
  start_time TEXT,
  venue TEXT,
  chair_user_id TEXT REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  agenda TEXT,
  minutes TEXT,
  decisions TEXT,
  minutes_circulated_on TEXT,
  minutes_filed_on TEXT,
  next_review_on TEXT
);
CREATE INDEX meetings_mapping_id ON meetings (mapping_id);

CREATE TABLE attendees (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL CHECK (version >= 1),
  meeting_id TEXT NOT NULL REFERENCES meetings (id) DEFERRABLE INITIALLY DEFERRED,
  name TEXT NOT NULL,
  agency_id TEXT NOT NULL REFERENCES agencies (id) DEFERRABLE INITIALLY DEFERRED,
  position TEXT,
  attendance TEXT NOT NULL,
  confidentiality_agreed INTEGER NOT NULL CHECK (confidentiality_agreed IN (0, 1)),
  user_id TEXT REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX attendees_meeting_id ON attendees (meeting_id);

CREATE TABLE information (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL CHECK (version >= 1),
  subject_id TEXT REFERENCES subjects (id) DEFERRABLE INITIALLY DEFERRED,
  link_id TEXT REFERENCES links (id) DEFERRABLE INITIALLY DEFERRED,
  mapping_id TEXT REFERENCES mappings (id) DEFERRABLE INITIALLY DEFERRED,
  source_agency_id TEXT NOT NULL REFERENCES agencies (id) DEFERRABLE INITIALLY DEFERRED,
  author TEXT,
  author_user_id TEXT REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  text TEXT NOT NULL,
  captured_on TEXT NOT NULL,
  recorded_on TEXT NOT NULL,
  source TEXT NOT NULL,
  assessment TEXT NOT NULL,
  handling TEXT NOT NULL,
  handling_conditions TEXT,
  evidence TEXT NOT NULL,
  sighting TEXT
);
CREATE INDEX information_subject_id ON information (subject_id);
CREATE INDEX information_link_id ON information (link_id);
CREATE INDEX information_mapping_id ON information (mapping_id);

CREATE TABLE handling_approvals (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL CHECK (version >= 1),
  information_id TEXT NOT NULL REFERENCES information (id) DEFERRABLE INITIALLY DEFERRED,
  agency_id TEXT NOT NULL REFERENCES agencies (id) DEFERRABLE INITIALLY DEFERRED,
  approved_by_user_id TEXT NOT NULL REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  approved_on TEXT NOT NULL,
  note TEXT
);
CREATE INDEX handling_approvals_information_id ON handling_approvals (information_id);

CREATE TABLE factors (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL CHECK (version >= 1),
  mapping_id TEXT NOT NULL REFERENCES mappings (id) DEFERRABLE INITIALLY DEFERRED,
  subject_id TEXT NOT NULL REFERENCES subjects (id) DEFERRABLE INITIALLY DEFERRED,
  category TEXT NOT NULL,
  code TEXT,
  text TEXT,
  recorded_on TEXT,
  resolved_on TEXT
);
CREATE INDEX factors_mapping_id ON factors (mapping_id);
CREATE INDEX factors_subject_id ON factors (subject_id);

CREATE TABLE risk_assessments (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL CHECK (version >= 1),
  mapping_id TEXT NOT NULL REFERENCES mappings (id) DEFERRABLE INITIALLY DEFERRED,
  subject_id TEXT NOT NULL REFERENCES subjects (id) DEFERRABLE INITIALLY DEFERRED,
  meeting_id TEXT REFERENCES meetings (id) DEFERRABLE INITIALLY DEFERRED,
  category TEXT NOT NULL,
  rationale TEXT NOT NULL,
  assessed_on TEXT NOT NULL,
  decided_by_user_id TEXT REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX risk_assessments_mapping_id ON risk_assessments (mapping_id);
CREATE INDEX risk_assessments_subject_id ON risk_assessments (subject_id);
CREATE INDEX risk_assessments_meeting_id ON risk_assessments (meeting_id);

CREATE TABLE key_questions (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL CHECK (version >= 1),
  mapping_id TEXT NOT NULL REFERENCES mappings (id) DEFERRABLE INITIALLY DEFERRED,
  subject_id TEXT REFERENCES subjects (id) DEFERRABLE INITIALLY DEFERRED,
  link_id TEXT REFERENCES links (id) DEFERRABLE INITIALLY DEFERRED,
  question TEXT NOT NULL,
  owner TEXT,
  owner_user_id TEXT REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  owner_agency_id TEXT REFERENCES agencies (id) DEFERRABLE INITIALLY DEFERRED,
  due_on TEXT,
  status TEXT NOT NULL,
  answer TEXT,
  answered_on TEXT,
  raised_at_meeting_id TEXT REFERENCES meetings (id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX key_questions_mapping_id ON key_questions (mapping_id);
CREATE INDEX key_questions_subject_id ON key_questions (subject_id);
CREATE INDEX key_questions_link_id ON key_questions (link_id);

CREATE TABLE actions (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL CHECK (version >= 1),
  mapping_id TEXT NOT NULL REFERENCES mappings (id) DEFERRABLE INITIALLY DEFERRED,
  description TEXT NOT NULL,
  kind TEXT NOT NULL,
  owner TEXT NOT NULL,
  owner_user_id TEXT REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  owner_agency_id TEXT NOT NULL REFERENCES agencies (id) DEFERRABLE INITIALLY DEFERRED,
  due_on TEXT NOT NULL,
  status TEXT NOT NULL,
  subject_ids TEXT,
  raised_at_meeting_id TEXT REFERENCES meetings (id) DEFERRABLE INITIALLY DEFERRED,
  created_on TEXT,
  completed_on TEXT
);
CREATE INDEX actions_mapping_id ON actions (mapping_id);

CREATE TABLE action_updates (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL CHECK (version >= 1),
  action_id TEXT NOT NULL REFERENCES actions (id) DEFERRABLE INITIALLY DEFERRED,
  updated_on TEXT NOT NULL,
  text TEXT NOT NULL,
  author TEXT,
  author_user_id TEXT REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  status TEXT
);
CREATE INDEX action_updates_action_id ON action_updates (action_id);

CREATE TABLE referrals (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL CHECK (version >= 1),
  mapping_id TEXT NOT NULL REFERENCES mappings (id) DEFERRABLE INITIALLY DEFERRED,
  subject_id TEXT NOT NULL REFERENCES subjects (id) DEFERRABLE INITIALLY DEFERRED,
  target TEXT NOT NULL,
  target_detail TEXT,
  status TEXT NOT NULL,
  referred_on TEXT,
  referred_by_agency_id TEXT REFERENCES agencies (id) DEFERRABLE INITIALLY DEFERRED,
  outcome TEXT
);
CREATE INDEX referrals_mapping_id ON referrals (mapping_id);
CREATE INDEX referrals_subject_id ON referrals (subject_id);

CREATE TABLE map_snapshots (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL CHECK (version >= 1),
  mapping_id TEXT NOT NULL REFERENCES mappings (id) DEFERRABLE INITIALLY DEFERRED,
  meeting_id TEXT REFERENCES meetings (id) DEFERRABLE INITIALLY DEFERRED,
  taken_on TEXT NOT NULL,
  title TEXT,
  nodes TEXT,
  edges TEXT
);
CREATE INDEX map_snapshots_mapping_id ON map_snapshots (mapping_id);
CREATE INDEX map_snapshots_meeting_id ON map_snapshots (meeting_id);

CREATE TABLE agency_submissions (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL CHECK (version >= 1),
  mapping_id TEXT NOT NULL REFERENCES mappings (id) DEFERRABLE INITIALLY DEFERRED,
  agency_id TEXT NOT NULL REFERENCES agencies (id) DEFERRABLE INITIALLY DEFERRED,
  meeting_id TEXT REFERENCES meetings (id) DEFERRABLE INITIALLY DEFERRED,
  submitted_by TEXT,
  submitted_by_user_id TEXT REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  submitted_on TEXT,
  status TEXT NOT NULL,
  entries TEXT
);
CREATE INDEX agency_submissions_mapping_id ON agency_submissions (mapping_id);
CREATE INDEX agency_submissions_meeting_id ON agency_submissions (meeting_id);
