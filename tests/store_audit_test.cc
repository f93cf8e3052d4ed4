// The audit log, on every backend: the keyed chain and what `audit verify` finds, the anchor
// kept outside the database, the append-only triggers, and every write committing its audit
// rows in its own transaction.
#include "tests/store_fixture.h"

#include <array>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

#include "storage/audit_hash.h"

namespace contextmap {
namespace {

using testing::DemoBundle;
using testing::Mentions;

class StoreAuditTest : public testing::StoreContractTest {
 protected:
  // One row as stored, read past the store.
  struct RawRow {
    int64_t seq = 0;
    std::array<std::optional<std::string>, storage::kAuditHashedFields> fields;
    std::string hash;
    std::optional<int64_t> key_id;
  };

  std::vector<RawRow> RawRows() {
    std::vector<RawRow> rows;
    auto raw = Raw();
    EXPECT_NE(raw, nullptr);
    if (raw == nullptr) return rows;
    auto r = raw->Run(
        "SELECT seq, at, user_id, action, record_kind, record_id, mapping_id, subject_id, "
        "reason, remote, outcome, prev_hash, hash, key_id FROM audit_log ORDER BY seq",
        {}, [&](const storage::SqlRow& row) {
          RawRow out;
          out.seq = row.Int(0);
          for (int i = 0; i < storage::kAuditHashedFields; ++i) {
            if (!row.IsNull(i + 1)) out.fields[i] = std::string(row.Text(i + 1));
          }
          out.hash = std::string(row.Text(12));
          if (!row.IsNull(13)) out.key_id = row.Int(13);
          rows.push_back(std::move(out));
          return Status::Ok();
        });
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return rows;
  }

  // What someone who knows the unkeyed (v1) encoding but not the key can do: rewrite rows
  // `from` onwards with plain SHA-256 hashes, each linked to the one before, with row `from`'s
  // reason changed to `reason`. With `keep_key_id` the rows still name the key they had.
  void RewriteWithoutKey(int64_t from, const std::string& reason, bool keep_key_id = false) {
    std::vector<RawRow> rows = RawRows();
    std::string sql;
    std::string prev(storage::kAuditGenesisHash);
    for (RawRow& row : rows) {
      if (row.seq < from) {
        prev = row.hash;
        continue;
      }
      if (row.seq == from) row.fields[7] = reason;
      row.fields[storage::kAuditHashedFields - 1] = prev;
      std::array<std::optional<std::string_view>, storage::kAuditHashedFields> view;
      for (int i = 0; i < storage::kAuditHashedFields; ++i) {
        if (row.fields[i]) view[i] = *row.fields[i];
      }
      auto hash = storage::AuditHash(row.seq, view);
      ASSERT_TRUE(hash.ok());
      prev = *hash;
      sql += "UPDATE audit_log SET reason = " +
             (row.fields[7] ? "'" + *row.fields[7] + "'" : std::string("NULL")) +
             ", prev_hash = '" + *row.fields[storage::kAuditHashedFields - 1] + "', hash = '" +
             *hash + "'" + (keep_key_id ? "" : ", key_id = NULL") +
             " WHERE seq = " + std::to_string(row.seq) + "; ";
    }
    TamperAudit(sql);
  }

  // Appends `rows` entries, edits the log with `sql` as the database's owner could, and
  // verifies it.
  AuditVerification Tampered(int rows, const std::string& sql) {
    AppendSome(*store_, rows, "sub-child-01");
    TamperAudit(sql);
    return Verify();
  }

  // Appends `rows` entries, rewrites them from row `from` without the key (RewriteWithoutKey),
  // and verifies the log.
  AuditVerification Rewritten(int rows, int64_t from, const std::string& reason,
                              bool keep_key_id = false) {
    AppendSome(*store_, rows, "sub-child-01");
    RewriteWithoutKey(from, reason, keep_key_id);
    return Verify();
  }

  std::string AnchorFile() const {
    std::filesystem::path p(key_file_);
    p.replace_extension(".anchor");
    return p.string();
  }

  int64_t AuditRows() {
    auto v = store_->VerifyAudit();
    EXPECT_TRUE(v.ok());
    return v.ok() ? v->entries : -1;
  }

  static std::vector<AuditEntry> Rows(int n, const std::string& action = "create") {
    std::vector<AuditEntry> rows(n);
    for (AuditEntry& e : rows) {
      e.user_id = "usr-02";
      e.action = action;
      e.remote = "127.0.0.1";
      e.outcome = "ok";
    }
    return rows;
  }

  static Subject NewPlace(const std::string& label) {
    Subject s;
    s.kind = SubjectKind::kLocation;
    s.label = label;
    s.venue_type = VenueType::kOther;
    return s;
  }
};

TEST_P(StoreAuditTest, AuditAppendAssignsTheChainAndVerifies) {
  EXPECT_TRUE(Verify().intact);
  EXPECT_EQ(Verify().entries, 0);
  std::vector<AuditEntry> entries(3);
  for (auto& e : entries) {
    e.user_id = "usr-a";
    e.action = "export";
    e.outcome = "ok";
  }
  entries[1].at = "2026-11-23T10:00:00Z";
  ASSERT_TRUE(store_->AppendAudit(&entries).ok());
  EXPECT_EQ(entries[0].seq, 1);
  EXPECT_EQ(entries[2].seq, 3);
  EXPECT_EQ(entries[0].prev_hash, std::string(64, '0'));
  EXPECT_EQ(entries[1].prev_hash, entries[0].hash);
  EXPECT_EQ(entries[2].prev_hash, entries[1].hash);
  EXPECT_EQ(entries[0].hash.size(), 64u);
  EXPECT_EQ(entries[1].at, "2026-11-23T10:00:00Z");
  EXPECT_TRUE(Timestamp::Parse(entries[0].at).has_value()) << entries[0].at;
  AuditVerification v = Verify();
  EXPECT_TRUE(v.intact) << v.problem;
  EXPECT_EQ(v.entries, 3);
  EXPECT_EQ(v.last_hash, entries[2].hash);
}

TEST_P(StoreAuditTest, AuditEntryWithoutActionOrOutcomeIsRefused) {
  std::vector<AuditEntry> entries(2);
  entries[0].action = "view";
  entries[0].outcome = "ok";
  entries[1].outcome = "ok";
  Status s = store_->AppendAudit(&entries);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "action");
  EXPECT_EQ(entries[0].seq, 0);
  EXPECT_EQ(Verify().entries, 0);  // all or nothing
  entries[1].action = "view";
  entries[1].at = "yesterday";
  EXPECT_EQ(store_->AppendAudit(&entries).field(), "at");
}

TEST_P(StoreAuditTest, AuditChainContinuesAcrossReopen) {
  AppendSome(*store_, 2, "sub-child-01");
  store_ = Open();
  AppendSome(*store_, 2, "sub-child-01");
  AuditVerification v = Verify();
  EXPECT_TRUE(v.intact) << v.problem;
  EXPECT_EQ(v.entries, 4);
}

TEST_P(StoreAuditTest, AuditEditedRowIsDetected) {
  AuditVerification v = Tampered(4, "UPDATE audit_log SET reason = 'x' WHERE seq = 2");
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 2);
  EXPECT_EQ(v.problem, "row 2 was edited (its hash does not match its contents)");
}

TEST_P(StoreAuditTest, AuditNullMadeEmptyIsDetected) {
  std::vector<AuditEntry> entries(2);
  for (auto& e : entries) {
    e.action = "view";
    e.outcome = "ok";
  }
  ASSERT_TRUE(store_->AppendAudit(&entries).ok());
  TamperAudit("UPDATE audit_log SET reason = '' WHERE seq = 1");
  EXPECT_EQ(Verify().first_bad_seq, 1);
}

TEST_P(StoreAuditTest, AuditRemovedMiddleRowIsDetected) {
  AuditVerification v = Tampered(5, "DELETE FROM audit_log WHERE seq = 3");
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 4);
  EXPECT_EQ(v.problem, "row 4 does not follow row 2 (row 3 is missing)");
  EXPECT_EQ(v.entries, 4);
}

TEST_P(StoreAuditTest, AuditRemovedFirstRowsAreDetected) {
  AuditVerification v = Tampered(4, "DELETE FROM audit_log WHERE seq <= 2");
  EXPECT_EQ(v.first_bad_seq, 3);
  EXPECT_TRUE(Mentions(v.problem, "rows 1 to 2 are missing"));
}

TEST_P(StoreAuditTest, AuditReorderedRowsAreDetected) {
  // Swap rows 2 and 3 by their sequence numbers.
  AuditVerification v = Tampered(
      4,
      "UPDATE audit_log SET seq = 100 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3; "
      "UPDATE audit_log SET seq = 3 WHERE seq = 100");
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 2);
}

TEST_P(StoreAuditTest, AuditChangedPrevHashIsDetected) {
  AuditVerification v =
      Tampered(3, "UPDATE audit_log SET prev_hash = '" + std::string(64, 'a') + "' WHERE seq = 2");
  EXPECT_EQ(v.first_bad_seq, 2);
  EXPECT_EQ(v.problem, "row 2 was edited (its hash does not match its contents)");
}

TEST_P(StoreAuditTest, AuditForSubjectListsItsEntriesOldestFirst) {
  AppendSome(*store_, 2, "sub-child-01", "usr-a");
  AppendSome(*store_, 1, "sub-child-02", "usr-b");
  AppendSome(*store_, 1, "sub-child-01", "usr-c");
  auto entries = store_->AuditForSubject("sub-child-01");
  ASSERT_TRUE(entries.ok()) << entries.status().ToString();
  ASSERT_EQ(entries->size(), 3u);
  EXPECT_EQ((*entries)[0].seq, 1);
  EXPECT_EQ((*entries)[1].seq, 2);
  EXPECT_EQ((*entries)[2].seq, 4);
  EXPECT_EQ((*entries)[2].user_id, "usr-c");
  EXPECT_EQ((*entries)[0].reason, "strategy meeting 0");
  EXPECT_EQ((*entries)[0].remote, "127.0.0.1");
  EXPECT_EQ((*entries)[0].mapping_id, "map-county-line");
  EXPECT_EQ((*entries)[1].prev_hash, (*entries)[0].hash);
  EXPECT_TRUE(store_->AuditForSubject("sub-nobody")->empty());
}

TEST_P(StoreAuditTest, AuditForSubjectIncludesReadsOfMappingsItIsOn) {
  LoadDemo();
  auto on = store_->List(ListBy(RecordKind::kSubject, "mapping_id", "map-county-line"));
  ASSERT_TRUE(on.ok() && !on->empty());
  std::string subject = BaseOf(on->front()).id;
  std::vector<AuditEntry> e(3);
  for (AuditEntry& x : e) {
    x.user_id = "usr-reader";
    x.outcome = "ok";
  }
  e[0].action = "view_map";
  e[0].mapping_id = "map-county-line";
  e[1].action = "view_map";
  e[1].mapping_id = "map-image-sharing";
  e[2].action = "create";  // a change to the mapping is not a view of its subjects
  e[2].mapping_id = "map-county-line";
  ASSERT_TRUE(store_->AppendAudit(&e).ok());
  auto in_image_sharing =
      store_->List(ListBy(RecordKind::kSubject, "mapping_id", "map-image-sharing"));
  bool also_there = false;
  for (const Record& r : *in_image_sharing) also_there |= BaseOf(r).id == subject;
  auto entries = store_->AuditForSubject(subject);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), also_there ? 2u : 1u);
  EXPECT_EQ((*entries)[0].action, "view_map");
  EXPECT_EQ((*entries)[0].mapping_id, "map-county-line");
}

TEST_P(StoreAuditTest, AuditAppendsFromTwoStoresKeepOneChain) {
  auto other = Open();
  ASSERT_NE(other, nullptr);
  for (int i = 0; i < 5; ++i) {  // interleaved
    AppendSome(*store_, 2, "sub-child-01", "usr-a");
    AppendSome(*other, 1, "sub-child-01", "usr-b");
  }
  // And at the same time, from two threads with a store each.
  auto first = Open();
  auto second = Open();
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  std::atomic<int> failures{0};
  auto append = [&failures](Store* store) {
    for (int i = 0; i < 20; ++i) {
      std::vector<AuditEntry> entries(2);
      for (auto& e : entries) {
        e.action = "view";
        e.outcome = "ok";
      }
      if (!store->AppendAudit(&entries).ok()) ++failures;
    }
  };
  std::thread a(append, first.get());
  std::thread b(append, second.get());
  a.join();
  b.join();
  EXPECT_EQ(failures, 0);
  AuditVerification v = Verify();
  EXPECT_TRUE(v.intact) << v.problem;
  EXPECT_EQ(v.entries, 15 + 80);
}

// --- the keyed chain ----------------------------------------------------------------------------

TEST_P(StoreAuditTest, RowsAreSignedWithTheStoresKeyNotAPlainHash) {
  AppendSome(*store_, 2, "sub-child-01");
  std::vector<RawRow> rows = RawRows();
  ASSERT_EQ(rows.size(), 2u);
  for (const RawRow& row : rows) {
    ASSERT_TRUE(row.key_id.has_value());
    EXPECT_EQ(*row.key_id, 1);
    std::array<std::optional<std::string_view>, storage::kAuditHashedFields> view;
    for (int i = 0; i < storage::kAuditHashedFields; ++i) {
      if (row.fields[i]) view[i] = *row.fields[i];
    }
    EXPECT_NE(row.hash, *storage::AuditHash(row.seq, view));  // not what anyone can compute
  }
  AuditVerification v = Verify();
  EXPECT_TRUE(v.intact) << v.problem;
  EXPECT_EQ(v.keyed_from, 1);
}

// The finding: an edited row re-hashed with the published (v1) formula passed `audit verify`.
TEST_P(StoreAuditTest, EditedRowRehashedWithTheUnkeyedFormulaFailsVerify) {
  AuditVerification v = Rewritten(4, 2, "forged");
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 2);
  EXPECT_TRUE(Mentions(v.problem, "not signed with a key"));
}

TEST_P(StoreAuditTest, EditedRowRehashedButStillNamingTheKeyFailsVerify) {
  AuditVerification v = Rewritten(4, 3, "forged", /*keep_key_id=*/true);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 3);
  EXPECT_EQ(v.problem, "row 3 was edited (its hash does not match its contents)");
}

// Rewriting the whole log without the key gives a chain that holds together as v1 rows; only
// the anchor kept outside the database shows it is not the log that was written.
TEST_P(StoreAuditTest, WholeLogRewrittenWithoutTheKeyIsCaughtByTheAnchor) {
  AuditVerification v = Rewritten(3, 1, "forged");
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 3);
  EXPECT_TRUE(Mentions(v.problem, "is not the row the anchor file"));
  // Without its anchor the same log would pass: the anchor is what catches it.
  std::filesystem::remove(AnchorFile());
  EXPECT_TRUE(Verify().intact);
}

TEST_P(StoreAuditTest, RowsNamingAKeyTheFileLacksFailVerify) {
  AuditVerification v = Tampered(2, "UPDATE audit_log SET key_id = 9 WHERE seq = 2");
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 2);
  EXPECT_TRUE(Mentions(v.problem, "names key 9"));
}

// A store from before keys: its rows are plain SHA-256 with no key, and still verify, as the
// prefix of the chain the keyed rows continue.
TEST_P(StoreAuditTest, RowsFromBeforeKeysVerifyAsThePrefixOfTheKeyedChain) {
  std::string prev(storage::kAuditGenesisHash);
  std::string sql;
  for (int seq = 1; seq <= 3; ++seq) {
    std::string at = "2026-11-0" + std::to_string(seq) + "T10:00:00Z";
    std::array<std::optional<std::string_view>, storage::kAuditHashedFields> fields = {
        at,           "usr-old",    "view",       std::nullopt, std::nullopt, std::nullopt,
        std::nullopt, std::nullopt, std::nullopt, "ok",         prev};
    auto hash = storage::AuditHash(seq, fields);
    ASSERT_TRUE(hash.ok());
    sql += "INSERT INTO audit_log (seq, at, user_id, action, outcome, prev_hash, hash) VALUES (";
    sql += std::to_string(seq) + ", '" + at + "', 'usr-old', 'view', 'ok', '";
    sql += prev + "', '" + *hash + "'); ";
    prev = *hash;
  }
  Tamper(sql);
  AppendSome(*store_, 2, "sub-child-01");
  AuditVerification v = Verify();
  EXPECT_TRUE(v.intact) << v.problem;
  EXPECT_EQ(v.entries, 5);
  EXPECT_EQ(v.keyed_from, 4);
}

TEST_P(StoreAuditTest, ChainSpansAKeyRotation) {
  AppendSome(*store_, 2, "sub-child-01");
  auto rotated = store_->RotateKeys();
  ASSERT_TRUE(rotated.ok()) << rotated.status().ToString();
  AppendSome(*store_, 2, "sub-child-01");
  std::vector<RawRow> rows = RawRows();
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1].key_id, 1);
  EXPECT_EQ(rows[2].key_id, 2);
  AuditVerification v = Verify();
  EXPECT_TRUE(v.intact) << v.problem;
  // Another store that opened before the rotation verifies it too (it reads the new key).
  EXPECT_TRUE(Open()->VerifyAudit()->intact);
}

// --- the anchor kept outside the database -------------------------------------------------------

TEST_P(StoreAuditTest, EachAppendMovesTheAnchorForward) {
  std::vector<AuditEntry> rows = Rows(3, "view");
  ASSERT_TRUE(store_->AppendAudit(&rows).ok());
  AuditVerification v = Verify();
  EXPECT_EQ(v.anchor_file, AnchorFile());
  EXPECT_EQ(v.anchor_file_seq, 3);
  AppendSome(*store_, 1, "sub-child-01");
  EXPECT_EQ(Verify().anchor_file_seq, 4);
}

// The finding: removing the newest rows left a valid, shorter chain.
TEST_P(StoreAuditTest, RemovedNewestRowsAreCaughtByTheAnchor) {
  AuditVerification v = Tampered(5, "DELETE FROM audit_log WHERE seq >= 4");
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 4);
  EXPECT_TRUE(Mentions(v.problem, "the log ends at row 3"));
  EXPECT_TRUE(Mentions(v.problem, "rows 4 to 5 are missing"));
}

TEST_P(StoreAuditTest, AnAnchorKeptElsewhereIsChecked) {
  AppendSome(*store_, 4, "sub-child-01");
  AuditVerification before = Verify();
  AuditAnchor copy{before.last_seq, before.last_hash};
  // The anchor file is gone too (whoever removed rows could reach it): the copy still tells.
  std::filesystem::remove(AnchorFile());
  TamperAudit("DELETE FROM audit_log WHERE seq = 4");
  auto v = store_->VerifyAudit(copy);
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->intact);
  EXPECT_EQ(v->given_anchor_seq, 4);
  EXPECT_TRUE(Mentions(v->problem, "the anchor given names row 4"));
  // A copy naming a row that is there but different.
  AuditAnchor wrong{2, std::string(64, 'b')};
  v = store_->VerifyAudit(wrong);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->first_bad_seq, 2);
}

TEST_P(StoreAuditTest, AnchorsAreReadAsAuditVerifyPrintsThem) {
  auto a = ParseAuditAnchor("17:" + std::string(64, 'a'));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->seq, 17);
  for (const std::string& bad :
       std::vector<std::string>{"17", "x:" + std::string(64, 'a'), "0:" + std::string(64, 'a'),
                                "17:" + std::string(63, 'a'), "17:" + std::string(64, 'G')}) {
    EXPECT_EQ(ParseAuditAnchor(bad).status().field(), "anchor") << bad;
  }
}

// --- the store refuses to change audit rows -----------------------------------------------------

TEST_P(StoreAuditTest, UpdateAndDeleteOfAuditRowsAreRefusedByTheStore) {
  AppendSome(*store_, 3, "sub-child-01");
  auto raw = Raw();
  ASSERT_NE(raw, nullptr);
  Status updated = raw->ExecScript("UPDATE audit_log SET reason = 'changed' WHERE seq = 2");
  EXPECT_EQ(updated.code(), StatusCode::kPermissionDenied) << updated.ToString();
  Status deleted = raw->ExecScript("DELETE FROM audit_log WHERE seq = 3");
  EXPECT_EQ(deleted.code(), StatusCode::kPermissionDenied) << deleted.ToString();
  if (postgres()) {
    Status truncated = raw->ExecScript("TRUNCATE audit_log");
    EXPECT_EQ(truncated.code(), StatusCode::kPermissionDenied) << truncated.ToString();
  }
  AuditVerification v = Verify();
  EXPECT_TRUE(v.intact) << v.problem;
  EXPECT_EQ(v.entries, 3);
}

// On PostgreSQL the server runs as a role that may only append to the log (the deployment's
// docs/deploy/postgresql-roles.sql, run here as written against a real role).
TEST_P(StoreAuditTest, OnPostgresTheServersRoleMayOnlyAppendAuditRows) {
  if (!postgres()) GTEST_SKIP() << "database roles are PostgreSQL's";
  LoadDemo();
  AppendSome(*store_, 2, "sub-child-01");
  Tamper(
      "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'contextmap_app') THEN "
      "CREATE ROLE contextmap_app LOGIN; END IF; END $$");
  std::ifstream file(std::string(CONTEXTMAP_SOURCE_DIR) + "/docs/deploy/postgresql-roles.sql");
  std::stringstream roles;
  roles << file.rdbuf();
  ASSERT_FALSE(roles.str().empty());
  Tamper(roles.str());
  std::size_t user_at = url_.find("://") + 3;
  std::string app_url =
      url_.substr(0, user_at) + "contextmap_app" + url_.substr(url_.find('@', user_at));

  // The server, as that role, reads and writes records with their audit rows.
  auto app = Store::Open(app_url, Options());
  ASSERT_TRUE(app.ok()) << app.status().ToString();
  Record place = NewPlace("Railway arches");
  std::vector<AuditEntry> rows = Rows(1);
  ASSERT_TRUE((*app)->Create(&place, &rows).ok());
  AppendSome(**app, 1, "sub-child-01");

  // But cannot change the log, nor take its triggers away.
  auto raw = storage::OpenPostgres(app_url);
  ASSERT_TRUE(raw.ok()) << raw.status().ToString();
  for (const char* sql : {"UPDATE audit_log SET reason = 'changed' WHERE seq = 1",
                          "DELETE FROM audit_log WHERE seq = 4", "TRUNCATE audit_log",
                          "DROP TRIGGER audit_log_no_change ON audit_log",
                          "ALTER TABLE audit_log DISABLE TRIGGER ALL", "DELETE FROM store_keys",
                          "INSERT INTO store_facts VALUES ('origin', 'demo', 'now')"}) {
    EXPECT_EQ((*raw)->ExecScript(sql).code(), StatusCode::kPermissionDenied) << sql;
  }
  // Without the trigger (only the owner can drop it) the role still lacks the right.
  Tamper("DROP TRIGGER audit_log_no_change ON audit_log");
  EXPECT_EQ((*raw)->ExecScript("UPDATE audit_log SET reason = 'changed' WHERE seq = 1").code(),
            StatusCode::kPermissionDenied);
  AuditVerification v = Verify();
  EXPECT_TRUE(v.intact) << v.problem;
  EXPECT_EQ(v.entries, 4);
}

// --- a change and its audit rows commit together
// --------------------------------------------------

TEST_P(StoreAuditTest, EveryWriteCommitsItsAuditRowsWithTheChange) {
  LoadDemo();
  Record place = NewPlace("Car park, Nowhere Street");
  std::vector<AuditEntry> created = Rows(1);
  ASSERT_TRUE(store_->Create(&place, &created).ok());
  EXPECT_EQ(created[0].seq, 1);
  EXPECT_EQ(created[0].key_id, 1);
  EXPECT_EQ(created[0].hash.size(), 64u);

  std::vector<AuditEntry> updated = Rows(1, "update");
  std::get<Subject>(place).description = "Lit until midnight.";
  ASSERT_TRUE(store_->Update(&place, &updated).ok());
  EXPECT_EQ(updated[0].seq, 2);
  EXPECT_EQ(updated[0].prev_hash, created[0].hash);

  std::vector<Record> two = {NewPlace("Underpass A"), NewPlace("Underpass B")};
  std::vector<AuditEntry> both = Rows(2);
  ASSERT_TRUE(store_->CreateAll(&two, &both).ok());
  EXPECT_EQ(both[1].seq, 4);

  std::vector<AuditEntry> deleted = Rows(1, "delete");
  ASSERT_TRUE(store_->Delete(RecordKind::kSubject, BaseOf(place).id, 2, &deleted).ok());
  EXPECT_EQ(deleted[0].seq, 5);

  Bundle bundle;
  bundle.of(RecordKind::kSubject).emplace_back(NewPlace("Bus station"));
  BaseOf(bundle.of(RecordKind::kSubject)[0]).id = "sub-audit-import";
  std::vector<AuditEntry> imported = Rows(1, "import");
  ProblemList problems;
  ImportStats stats;
  ASSERT_TRUE(store_->Import(bundle, &problems, &stats, &imported).ok()) << problems.ToString();
  EXPECT_EQ(imported[0].seq, 6);

  std::vector<AuditEntry> session = Rows(1, "sign_in");
  ASSERT_TRUE(store_->CreateSession({"hash-a", "usr-02", "csrf", 1, 1}, &session).ok());
  std::vector<AuditEntry> ended = Rows(1, "sign_out");
  ASSERT_TRUE(store_->EndSession("hash-a", &ended).ok());
  EXPECT_EQ(ended[0].seq, 8);

  AuditVerification v = Verify();
  EXPECT_TRUE(v.intact) << v.problem;
  EXPECT_EQ(v.entries, 8);
}

TEST_P(StoreAuditTest, AFailedWriteWritesNoneOfItsAuditRows) {
  LoadDemo();
  // Refused by validation.
  Record bad = testing::DanglingLink();
  std::vector<AuditEntry> rows = Rows(1);
  EXPECT_EQ(store_->Create(&bad, &rows).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(rows[0].seq, 0);
  // A stale update.
  auto action = GetAs<Action>(*store_, "act-07");
  ASSERT_TRUE(action.ok());
  Record stale = *action;
  BaseOf(stale).version += 5;
  EXPECT_EQ(store_->Update(&stale, &rows).code(), StatusCode::kConflict);
  // A refused import.
  Bundle clash = DemoBundle();
  std::get<Agency>(clash.of(RecordKind::kAgency)[0]).name = "Renamed";
  ProblemList problems;
  ImportStats stats;
  EXPECT_EQ(store_->Import(clash, &problems, &stats, &rows).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(AuditRows(), 0);
  // An audit row the log would refuse refuses the change with it.
  Record place = NewPlace("Skate park");
  std::vector<AuditEntry> no_action = Rows(1);
  no_action[0].action.clear();
  EXPECT_EQ(store_->Create(&place, &no_action).field(), "action");
  EXPECT_EQ(store_->Get(RecordKind::kSubject, BaseOf(place).id).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(AuditRows(), 0);
}

// The finding: a change committed in one transaction and its audit row in a later one, so a
// crash between them left the change unrecorded. Now if the row cannot be written, neither is
// the change.
TEST_P(StoreAuditTest, AChangeWhoseAuditRowCannotBeWrittenIsNotWritten) {
  LoadDemo();
  Tamper("ALTER TABLE audit_log RENAME TO audit_log_away");
  Record place = NewPlace("Closed shop, Nowhere Parade");
  BaseOf(place).id = "sub-audit-lost";
  std::vector<AuditEntry> rows = Rows(1);
  EXPECT_FALSE(store_->Create(&place, &rows).ok());
  Bundle bundle;
  bundle.of(RecordKind::kSubject).emplace_back(NewPlace("Bus station"));
  BaseOf(bundle.of(RecordKind::kSubject)[0]).id = "sub-audit-import";
  ProblemList problems;
  ImportStats stats;
  EXPECT_FALSE(store_->Import(bundle, &problems, &stats, &rows).ok());
  Tamper("ALTER TABLE audit_log_away RENAME TO audit_log");
  EXPECT_EQ(store_->Get(RecordKind::kSubject, "sub-audit-lost").status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->Get(RecordKind::kSubject, "sub-audit-import").status().code(),
            StatusCode::kNotFound);
}

TEST_P(StoreAuditTest, WritesFromManyStoresAtOnceKeepOneChainWithEveryChange) {
  LoadDemo();
  std::atomic<int> failures{0};
  auto write = [&](int worker) {
    auto store = Open();
    if (store == nullptr) {
      ++failures;
      return;
    }
    for (int i = 0; i < 10; ++i) {
      Record place = NewPlace("Place " + std::to_string(worker) + "-" + std::to_string(i));
      BaseOf(place).id = "sub-w" + std::to_string(worker) + "-" + std::to_string(i);
      std::vector<AuditEntry> rows = Rows(1);
      rows[0].record_id = BaseOf(place).id;
      if (!store->Create(&place, &rows).ok()) ++failures;
      std::vector<AuditEntry> read = Rows(1, "view");
      if (!store->AppendAudit(&read).ok()) ++failures;
    }
  };
  std::vector<std::thread> workers;
  workers.reserve(3);
  for (int w = 0; w < 3; ++w) workers.emplace_back(write, w);
  for (auto& t : workers) t.join();
  EXPECT_EQ(failures, 0);
  AuditVerification v = Verify();
  EXPECT_TRUE(v.intact) << v.problem;
  EXPECT_EQ(v.entries, 60);
  EXPECT_EQ(v.anchor_file_seq, 60);
}

CONTEXTMAP_STORE_BACKENDS(StoreAuditTest);

}  // namespace
}  // namespace contextmap
