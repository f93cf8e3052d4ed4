// The fixture of the store contract suites (store_contract_test.cc, store_audit_test.cc):
// every test runs against every backend (SQLite in a temporary file, PostgreSQL in a fresh
// schema of the server scripts/with-postgres starts). A backend passes only if it behaves
// exactly like the others.
#ifndef CONTEXTMAP_TESTS_STORE_FIXTURE_H_
#define CONTEXTMAP_TESTS_STORE_FIXTURE_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "contextmap/core/bundle.h"
#include "contextmap/demo/demo.h"
#include "contextmap/storage/keyring.h"
#include "contextmap/storage/store.h"
#include "storage/sql_connection.h"

namespace contextmap::testing {
inline const Date kToday(2026, 11, 23);

inline std::string Unique() {
  static std::atomic<int> n{0};
  return std::to_string(::getpid()) + "_" + std::to_string(n++);
}

inline std::filesystem::path TestDir() {
  const char* tmp = std::getenv("CONTEXTMAP_TEST_TMP");
  std::filesystem::path dir = tmp != nullptr ? tmp : std::filesystem::temp_directory_path();
  std::filesystem::create_directories(dir);
  return dir;
}

// A URL for a new, empty store on `backend`, or "" when that backend is not available here.
inline std::string NewStoreUrl(const std::string& backend) {
  if (backend == "sqlite") {
    auto path = TestDir() / ("contract_" + Unique() + ".db");
    std::filesystem::remove(path);
    std::filesystem::remove(KeyFileBeside(path.string()));
    return "sqlite:" + path.string();
  }
  const char* base = std::getenv("CONTEXTMAP_TEST_POSTGRES");
  if (base == nullptr || *base == '\0') return "";
  std::string schema = "contract_" + Unique();
  auto admin = storage::OpenPostgres(base);
  if (!admin.ok()) return "";
  if (!(*admin)->ExecScript("CREATE SCHEMA " + schema).ok()) return "";
  std::string url = base;
  url += (url.find('?') == std::string::npos ? "?" : "&");
  url += "options=-csearch_path%3D" + schema;
  return url;
}

// Whether `text` contains `part`; when not, the failure shows the whole text.
inline ::testing::AssertionResult Mentions(std::string_view text, std::string_view part) {
  if (text.find(part) != std::string_view::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "\"" << part << "\" is not in: " << text;
}

inline Bundle DemoBundle(Date today = kToday) {
  Bundle b;
  for (Record& r : DemoPartnership(today)) b.of(KindOf(r)).push_back(std::move(r));
  return b;
}

// The first record of kind R in the demo partnership, to be altered.
template <class R>
R FirstDemo() {
  return std::get<R>(DemoBundle().of(RecordTraits<R>::kKind).front());
}

// A bundle holding `r` alone.
inline Bundle BundleOf(Record r) {
  Bundle b;
  b.of(KindOf(r)).push_back(std::move(r));
  return b;
}

// A friend link from the demo's sub-child-03 to a subject that does not exist: well formed,
// refused against the demo partnership (at /to_subject_id).
inline Link DanglingLink() {
  Link l;
  l.from_subject_id = "sub-child-03";
  l.to_subject_id = "sub-nobody";
  l.type = LinkType::kFriend;
  return l;
}

inline std::string Text(const Bundle& b) {
  std::ostringstream out;
  WriteBundle(b, out);
  return out.str();
}

class StoreContractTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    UseNewStore();
    if (url_.empty()) {
      const char* require = std::getenv("CONTEXTMAP_REQUIRE_POSTGRES");
      if (require != nullptr && std::string(require) == "1") {
        FAIL() << "PostgreSQL is required (CONTEXTMAP_REQUIRE_POSTGRES=1) but not reachable";
      }
      GTEST_SKIP() << "no PostgreSQL here: run under scripts/with-postgres";
    }
    store_ = Open();
  }

  bool postgres() const { return GetParam() == "postgres"; }

  // Points url_ and key_file_ at a new, empty store. A SQLite store makes its own key file
  // beside it on first open; a PostgreSQL store is given one, as a deployment would be.
  void UseNewStore() {
    url_ = NewStoreUrl(GetParam());
    if (url_.empty()) return;
    if (url_.starts_with("sqlite:")) {
      key_file_ = KeyFileBeside(url_.substr(7));
    } else {
      key_file_ = (TestDir() / ("contract_" + Unique() + ".keys")).string();
      std::filesystem::remove(key_file_);
      auto made = Keyring::Create(key_file_);
      ASSERT_TRUE(made.ok()) << made.status().ToString();
    }
  }

  StoreOptions Options() const {
    StoreOptions o{[] { return kToday; }};
    o.key_file = key_file_;
    return o;
  }

  Result<std::unique_ptr<Store>> TryOpen() { return Store::Open(url_, Options()); }

  std::unique_ptr<Store> Open() {
    auto s = TryOpen();
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s).value() : nullptr;
  }

  void LoadDemo() {
    ProblemList problems;
    ImportStats stats;
    Status s = store_->Import(DemoBundle(), &problems, &stats);
    ASSERT_TRUE(s.ok()) << s.ToString() << "\n" << problems.ToString();
    ASSERT_EQ(stats.written, DemoBundle().size());
  }

  std::string FullExport() {
    auto b = store_->Export({});
    EXPECT_TRUE(b.ok()) << b.status().ToString();
    return b.ok() ? Text(*b) : "";
  }

  // Imports `bundle`, expects it refused with a problem at `pointer`, and the store unchanged.
  void ExpectRejected(const Bundle& bundle, const std::string& pointer) {
    std::string before = FullExport();
    ProblemList problems;
    ImportStats stats;
    Status s = store_->Import(bundle, &problems, &stats);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << s.ToString();
    bool found = false;
    for (const auto& p : problems.kept()) found |= p.pointer == pointer;
    EXPECT_TRUE(found) << "no problem at " << pointer << "; got:\n" << problems.ToString();
    EXPECT_EQ(FullExport(), before) << "a refused import changed the store";
  }

  // A raw connection to the same database, for tampering with it as an intruder would.
  std::unique_ptr<storage::SqlConnection> Raw() {
    auto conn = url_.starts_with("sqlite:") ? storage::OpenSqlite(url_.substr(7))
                                            : storage::OpenPostgres(url_);
    EXPECT_TRUE(conn.ok()) << conn.status().ToString();
    return conn.ok() ? std::move(conn).value() : nullptr;
  }

  void Tamper(const std::string& sql) {
    auto raw = Raw();
    ASSERT_NE(raw, nullptr);
    Status s = raw->ExecScript(sql);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  // Edits the audit log as someone who owns the database would: first dropping the triggers
  // that refuse UPDATE and DELETE of it (migration 6).
  void TamperAudit(const std::string& sql) {
    Tamper(postgres()
               ? "DROP TRIGGER audit_log_no_change ON audit_log; " + sql
               : "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; " + sql);
  }

  // Appends `n` entries about `subject_id` through `store`.
  static void AppendSome(Store& store, int n, const std::string& subject_id,
                         const std::string& user = "usr-test") {
    std::vector<AuditEntry> entries(n);
    for (int i = 0; i < n; ++i) {
      entries[i].user_id = user;
      entries[i].action = "view";
      entries[i].record_kind = "subject";
      entries[i].record_id = subject_id;
      entries[i].subject_id = subject_id;
      entries[i].mapping_id = "map-county-line";
      entries[i].reason = "strategy meeting " + std::to_string(i);
      entries[i].remote = "127.0.0.1";
      entries[i].outcome = "ok";
    }
    Status s = store.AppendAudit(&entries);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  AuditVerification Verify() {
    auto v = store_->VerifyAudit();
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : AuditVerification{};
  }

  std::string url_;
  std::string key_file_;
  std::unique_ptr<Store> store_;
};

}  // namespace contextmap::testing

// Runs every test of `Suite` (StoreContractTest or a subclass) on each backend.
#define CONTEXTMAP_STORE_BACKENDS(Suite)                                             \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite, ::testing::Values("sqlite", "postgres"), \
                           [](const ::testing::TestParamInfo<std::string>& p) { return p.param; })

#endif  // CONTEXTMAP_TESTS_STORE_FIXTURE_H_
