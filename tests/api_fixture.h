// A ContextMap API in the test process: a fresh SQLite store with the demo partnership, real
// accounts (Argon2id, TOTP), the real audit writer and event hub, and a settable clock.
// Requests go straight to Api::Handle, so tests need no sockets.
#ifndef CONTEXTMAP_TESTS_API_FIXTURE_H_
#define CONTEXTMAP_TESTS_API_FIXTURE_H_

#include <gtest/gtest.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "contextmap/auth/accounts.h"
#include "contextmap/auth/crypto.h"
#include "contextmap/demo/demo.h"
#include "contextmap/http/api.h"
#include "contextmap/storage/keyring.h"
#include "storage/sql_connection.h"

namespace contextmap::testing {

inline const Date kApiToday(2026, 11, 23);
inline constexpr int64_t kApiEpoch = 1'795'400'000;  // 2026-11-23 02:13 UTC, unix seconds
inline constexpr const char* kPassword = "a long enough test password";

struct Session {
  std::string user_id;
  std::string token;
  std::string csrf;
};

class ApiFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> n{0};
    std::filesystem::path dir = std::filesystem::temp_directory_path();
    path_ = dir / ("api_" + std::to_string(::getpid()) + "_" + std::to_string(n++) + ".db");
    std::filesystem::remove(path_);
    url_ = "sqlite:" + path_.string();
    StoreOptions so{[] { return kApiToday; }};
    auto store = Store::Open(url_, so);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    Bundle demo;
    for (Record& r : DemoPartnership(kApiToday)) demo.of(KindOf(r)).push_back(std::move(r));
    ProblemList problems;
    ImportStats stats;
    ASSERT_TRUE(store_->Import(demo, &problems, &stats).ok()) << problems.ToString();
    auto audit_store = Store::Open(url_, so);
    ASSERT_TRUE(audit_store.ok());
    pool_ = std::make_unique<http::StorePool>(url_, so);
    audit_ = std::make_unique<http::AuditWriter>(std::move(audit_store).value());
    http::ApiOptions options;
    options.now = [this] { return now_.load(); };
    options.today = [] { return kApiToday; };
    api_ = std::make_unique<http::Api>(options, pool_.get(), audit_.get(), &events_);
  }

  void TearDown() override {
    api_.reset();
    audit_.reset();
    pool_.reset();
    store_.reset();
    std::filesystem::remove(path_);
    std::filesystem::remove(path_.string() + "-wal");
    std::filesystem::remove(path_.string() + "-shm");
    std::filesystem::path keys = KeyFileBeside(path_.string());  // and its key file and anchor
    std::filesystem::remove(keys);
    std::filesystem::remove(keys.replace_extension(".anchor"));
  }

  // Adds an account and returns its id; remembers its TOTP secret.
  std::string AddAccount(const std::string& username, UserRole role, const std::string& agency) {
    User u;
    u.username = username;
    u.full_name = "Test Person " + username;
    u.agency_id = agency;
    u.role = role;
    auto e = auth::AddUser(*store_, u, kPassword, now_);
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    if (!e.ok()) return "";
    secrets_[username] = e->totp_secret;
    recovery_[username] = e->recovery_codes;
    return e->user_id;
  }

  void AddMember(const std::string& mapping_id, const std::string& user_id) {
    MappingMember m;
    m.mapping_id = mapping_id;
    m.user_id = user_id;
    Record r = m;
    Status s = store_->Create(&r);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  std::string CodeFor(const std::string& username, int64_t offset_steps = 0) {
    auto code = auth::TotpCode(secrets_[username], now_ + offset_steps * 30);
    return code.ok() ? *code : "";
  }

  http::ApiResponse Call(const std::string& method, const std::string& path,
                         const std::string& body = "", const Session* session = nullptr,
                         std::map<std::string, std::string> headers = {},
                         std::vector<std::pair<std::string, std::string>> query = {}) {
    http::ApiRequest req;
    req.method = method;
    req.path = path;
    req.body = body;
    req.query = std::move(query);
    req.remote = remote_;
    req.headers["host"] = "contextmap.test";
    if (session != nullptr) {
      req.headers["cookie"] = std::string(http::kSessionCookie) + "=" + session->token;
      if (method != "GET") req.headers["x-csrf-token"] = session->csrf;
    }
    for (auto& [k, v] : headers) {
      std::string key = k;
      for (char& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      req.headers[key] = v;
    }
    return api_->Handle(req);
  }

  http::ApiResponse SignInRaw(const std::string& username, const std::string& password,
                              const std::string& code) {
    nlohmann::json body = {{"username", username}, {"password", password}, {"code", code}};
    return Call("POST", "/api/v1/session", body.dump());
  }

  // Signs in with the current TOTP code (the clock moves on a step first, so each sign-in
  // of the same user gets a fresh code).
  Session SignIn(const std::string& username) {
    now_ += 30;
    http::ApiResponse res = SignInRaw(username, kPassword, CodeFor(username));
    EXPECT_EQ(res.status, 201) << res.body;
    Session s;
    for (const auto& [k, v] : res.headers) {
      if (k != "Set-Cookie") continue;
      std::size_t eq = v.find('=');
      s.token = v.substr(eq + 1, v.find(';') - eq - 1);
    }
    auto body = nlohmann::json::parse(res.body, nullptr, false);
    if (!body.is_discarded()) {
      s.csrf = body.value("csrf_token", "");
      s.user_id = body["user"].value("id", "");
    }
    return s;
  }

  static std::string HeaderOf(const http::ApiResponse& res, const std::string& name) {
    for (const auto& [k, v] : res.headers) {
      if (k == name) return v;
    }
    return {};
  }

  // Audit rows appended after `seq`: their outcomes.
  std::vector<std::string> AuditOutcomesAfter(int64_t seq, int64_t* last = nullptr) {
    auto raw = storage::OpenSqlite(path_.string());
    EXPECT_TRUE(raw.ok());
    std::vector<std::string> out;
    storage::SqlValue p = seq;
    auto r = (*raw)->Run("SELECT seq, outcome FROM audit_log WHERE seq > ? ORDER BY seq", {&p, 1},
                         [&](const storage::SqlRow& row) {
                           if (last != nullptr) *last = row.Int(0);
                           out.emplace_back(row.Text(1));
                           return Status::Ok();
                         });
    EXPECT_TRUE(r.ok());
    return out;
  }

  int64_t LastAuditSeq() {
    int64_t last = 0;
    AuditOutcomesAfter(0, &last);
    return last;
  }

  std::filesystem::path path_;
  std::string url_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<http::StorePool> pool_;
  std::unique_ptr<http::AuditWriter> audit_;
  http::EventHub events_;
  std::unique_ptr<http::Api> api_;
  std::atomic<int64_t> now_{kApiEpoch};
  std::string remote_ = "127.0.0.1";  // the client's address for Call
  std::map<std::string, std::string> secrets_;
  std::map<std::string, std::vector<std::string>> recovery_;
};

}  // namespace contextmap::testing

#endif  // CONTEXTMAP_TESTS_API_FIXTURE_H_
